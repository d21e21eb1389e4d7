package io.trainyard.toolkit.messaging;

import io.trainyard.contracts.events.v1.OffsetRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Folds the send results of a stage's records into the per-partition offset ranges that describe
 * them, as carried by DatasetSealed, DatasetProfiled and DatasetPrepared.
 */
public final class OffsetTracker {

  private final Map<Integer, long[]> byPartition = new TreeMap<>();
  private String topic;
  private long records;

  /** Adds one sent record. */
  public synchronized void add(RecordMetadata sent) {
    if (sent == null || !sent.hasOffset()) {
      throw new IllegalStateException("the record was sent without an offset");
    }
    topic = sent.topic();
    records++;
    long[] range =
        byPartition.computeIfAbsent(sent.partition(), p -> new long[] {Long.MAX_VALUE, -1});
    range[0] = Math.min(range[0], sent.offset());
    range[1] = Math.max(range[1], sent.offset() + 1);
  }

  /** Records added so far. */
  public synchronized long records() {
    return records;
  }

  /** Half-open ranges, one per partition written to. */
  public synchronized List<OffsetRange> ranges() {
    List<OffsetRange> out = new ArrayList<>();
    byPartition.forEach(
        (partition, r) ->
            out.add(
                OffsetRange.newBuilder()
                    .setTopic(topic)
                    .setPartition(partition)
                    .setFromOffset(r[0])
                    .setToOffset(r[1])
                    .build()));
    return out;
  }
}
