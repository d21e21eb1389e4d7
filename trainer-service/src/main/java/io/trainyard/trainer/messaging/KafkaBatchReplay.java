package io.trainyard.trainer.messaging;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.ml.data.SplitReplay;
import io.trainyard.ml.train.TrainingData;
import io.trainyard.toolkit.messaging.RangeReader;
import io.trainyard.trainer.BatchReplay;

/**
 * Replays PreparedBatches from {@code trainyard.labeling.batches.v1} with a {@link RangeReader};
 * ml-core's {@link SplitReplay} keeps the batches of the wanted data set version and split (other
 * versions share the key), each batch index once, and checks their shapes and the row count.
 */
public final class KafkaBatchReplay implements BatchReplay {

  private final RangeReader reader;

  public KafkaBatchReplay(RangeReader reader) {
    this.reader = reader;
  }

  @Override
  public TrainingData read(DatasetRef dataset, Split split, SplitBatches batches, int features) {
    // Sized from the rows the event announces (the trainer's limits have checked they fit), so the
    // split is read into arrays of its exact size.
    TrainingData.Builder data =
        TrainingData.builder(features, (int) Math.min(batches.getRows(), Integer.MAX_VALUE - 8));
    new SplitReplay(dataset, split, features, data::add).replay(reader, batches);
    return data.build();
  }
}
