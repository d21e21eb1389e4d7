package io.trainyard.trainer;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.ml.train.TrainingData;

/** Where a prepared split's batches come from (the Kafka log ranges of a DatasetPrepared). */
public interface BatchReplay {

  /**
   * Reads every PreparedBatch of {@code split} of {@code dataset} in {@code batches}' ranges into
   * memory.
   *
   * @param features the number of features each row must have
   * @throws IllegalStateException when the batches do not fit (feature count, shapes, row count)
   */
  TrainingData read(DatasetRef dataset, Split split, SplitBatches batches, int features);
}
