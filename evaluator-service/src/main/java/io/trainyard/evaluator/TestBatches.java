package io.trainyard.evaluator;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.SplitBatches;
import java.util.function.Consumer;

/** Where the TEST split's PreparedBatches come from (the Kafka log ranges of a DatasetPrepared). */
public interface TestBatches {

  /**
   * Hands every TEST batch of {@code dataset} in {@code batches}' ranges to {@code sink}, each
   * batch index once.
   *
   * @return rows handed over
   */
  long forEach(DatasetRef dataset, SplitBatches batches, Consumer<PreparedBatch> sink);
}
