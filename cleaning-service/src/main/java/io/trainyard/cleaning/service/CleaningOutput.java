package io.trainyard.cleaning.service;

import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.OffsetRange;
import java.util.List;

/** Where cleaning publishes: cleaned chunks, then the data set's profile. */
public interface CleaningOutput {

  /** A run of cleaned chunks with at most {@code maxInFlight} records unacknowledged. */
  ChunkRun chunks(int maxInFlight);

  /** A run of chunk records, already in protobuf wire format. */
  interface ChunkRun {
    /** Sends one chunk; blocks while too many are unacknowledged. */
    void send(String key, String eventId, byte[] chunk);

    /** Waits for every chunk and returns where they landed. */
    List<OffsetRange> finish();
  }

  /** Publishes the profile and waits for the broker's acknowledgement. */
  void profiled(DatasetProfiled profiled);

  /**
   * Gets the producers ready to send without sending anything: connections and the topics'
   * metadata, so that the first record of the first data set does not wait for them.
   */
  default void warmUp() {}
}
