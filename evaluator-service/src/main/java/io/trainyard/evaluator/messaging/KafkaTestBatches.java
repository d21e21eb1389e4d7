package io.trainyard.evaluator.messaging;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.evaluator.TestBatches;
import io.trainyard.ml.data.SplitReplay;
import io.trainyard.toolkit.messaging.RangeReader;
import java.util.function.BiConsumer;

/**
 * Replays the TEST PreparedBatches from {@code trainyard.labeling.batches.v1} with a {@link
 * RangeReader}; ml-core's {@link SplitReplay} keeps the wanted data set version (other versions
 * share the key), each batch once, and checks their shapes and the row count.
 */
public final class KafkaTestBatches implements TestBatches {

  private final RangeReader reader;

  public KafkaTestBatches(RangeReader reader) {
    this.reader = reader;
  }

  @Override
  public long forEach(
      DatasetRef dataset, SplitBatches batches, int features, BiConsumer<float[], int[]> rows) {
    return new SplitReplay(dataset, Split.TEST, features, rows).replay(reader, batches);
  }
}
