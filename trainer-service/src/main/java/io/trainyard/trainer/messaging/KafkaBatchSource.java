package io.trainyard.trainer.messaging;

import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.messaging.RangeReader;
import io.trainyard.ml.train.TrainingData;
import io.trainyard.trainer.BatchSource;
import java.util.HashSet;
import java.util.Set;

/**
 * Replays PreparedBatches from {@code trainyard.labeling.batches.v1} with a {@link RangeReader},
 * keeping the batches of the wanted data set version and split (other versions share the key), each
 * batch index once.
 */
public final class KafkaBatchSource implements BatchSource {

  private final RangeReader reader;

  public KafkaBatchSource(RangeReader reader) {
    this.reader = reader;
  }

  @Override
  public TrainingData read(DatasetRef dataset, Split split, SplitBatches batches, int features) {
    TrainingData.Builder data = TrainingData.builder(features);
    Set<Long> seen = new HashSet<>();
    String label = split.name().toLowerCase(java.util.Locale.ROOT);
    reader.read(
        batches.getRangesList(),
        dataset.getDatasetId(),
        EventTypes.PREPARED_BATCH,
        PreparedBatch.parser(),
        batch -> {
          if (batch.getDataset().getVersion() != dataset.getVersion()
              || batch.getSplit() != split
              || !seen.add(batch.getBatchIndex())) {
            return;
          }
          if (batch.getFeatures() != features) {
            throw new IllegalStateException(
                label
                    + " batch "
                    + batch.getBatchIndex()
                    + " has "
                    + batch.getFeatures()
                    + " features, the data set names "
                    + features);
          }
          if (batch.getYCount() != batch.getRows()
              || (long) batch.getXCount() != (long) batch.getRows() * features) {
            throw new IllegalStateException(
                label
                    + " batch "
                    + batch.getBatchIndex()
                    + " does not hold rows × features values");
          }
          float[] x = new float[batch.getXCount()];
          for (int i = 0; i < x.length; i++) {
            x[i] = batch.getX(i);
          }
          int[] y = new int[batch.getYCount()];
          for (int i = 0; i < y.length; i++) {
            y[i] = batch.getY(i);
          }
          data.add(x, y);
        });
    if (data.rows() != batches.getRows()) {
      throw new IllegalStateException(
          "replayed "
              + data.rows()
              + " "
              + label
              + " rows of "
              + dataset.getDatasetId()
              + " v"
              + dataset.getVersion()
              + ", the prepared data set says "
              + batches.getRows());
    }
    return data.build();
  }
}
