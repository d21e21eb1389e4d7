package io.trainyard.toolkit.messaging;

import io.trainyard.contracts.events.v1.OffsetRange;
import java.util.List;

/**
 * Writes records of one type whose payloads are already in protobuf wire format (chunks, batches),
 * in order with a bound on what is unacknowledged; {@link #finish()} says where they landed, as
 * offset ranges. A {@link KafkaRangeWriter} on the broker, a list in a stage's unit tests.
 */
public interface RangeWriter {

  /** Sends one record; blocks while too many are unacknowledged. */
  void send(String key, String eventId, byte[] payload);

  /** Waits for every record sent and returns the offset ranges they landed in. */
  List<OffsetRange> finish();
}
