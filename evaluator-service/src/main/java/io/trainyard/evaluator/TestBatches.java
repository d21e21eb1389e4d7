package io.trainyard.evaluator;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.SplitBatches;
import java.util.function.BiConsumer;

/** Where the TEST split's PreparedBatches come from (the Kafka log ranges of a DatasetPrepared). */
public interface TestBatches {

  /**
   * Hands the rows of every TEST batch of {@code dataset} in {@code batches}' ranges to {@code
   * rows}, batch by batch (features row-major, one class index per row), each batch index once.
   *
   * @param features the values each row must have
   * @return rows handed over
   * @throws IllegalStateException when a batch does not have {@code features} values per row, or
   *     the rows handed over are not as many as {@code batches} says
   */
  long forEach(
      DatasetRef dataset, SplitBatches batches, int features, BiConsumer<float[], int[]> rows);
}
