package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.labeling.EncodedBatch;
import io.trainyard.labeling.SplitWriter;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.toolkit.messaging.RangeWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writers of batches on the {@link LabelingOutput}: each {@link SplitWriter.Writer} is a {@link
 * RangeWriter} of its own, so its offset ranges hold that stretch of one split's batches only.
 */
@ApplicationScoped
public class BatchWriters {

  private final LabelingConfig config;
  private final LabelingOutput output;

  public BatchWriters(LabelingConfig config, LabelingOutput output) {
    this.config = config;
    this.output = output;
  }

  /**
   * Writers of batches keyed {@code key}, with {@code features} x {@code batchSize} values each.
   */
  public SplitWriter.Writers forKey(String key, int features, int batchSize) {
    int inFlight = inFlight(estimatedBytes(features, batchSize));
    return () -> {
      RangeWriter writer = output.batches(inFlight);
      return new SplitWriter.Writer() {
        @Override
        public void send(EncodedBatch batch) {
          writer.send(key, batch.eventId(), batch.bytes());
        }

        @Override
        public List<OffsetRange> finish() {
          return writer.finish();
        }
      };
    };
  }

  /** A full batch's serialized size, about: 4 bytes per value, a class and a row id per row. */
  static int estimatedBytes(int features, int batchSize) {
    return (int) Math.min(Integer.MAX_VALUE, (long) batchSize * (4L * features + 12) + 256);
  }

  /** The in-flight bound: the configured count, lowered so that big batches fit the byte budget. */
  int inFlight(int recordBytes) {
    long byBytes = config.maxInFlightBytes() / Math.max(1, recordBytes);
    return (int) Math.max(2, Math.min(config.maxInFlight(), byBytes));
  }
}
