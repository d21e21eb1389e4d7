package io.trainyard.evaluator.messaging;

import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.messaging.RangeReader;
import io.trainyard.evaluator.TestBatches;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays the TEST PreparedBatches from {@code trainyard.labeling.batches.v1} with a {@link
 * RangeReader}, keeping the wanted data set version (other versions share the key), each batch
 * once.
 */
public final class KafkaTestBatches implements TestBatches {

  private final RangeReader reader;

  public KafkaTestBatches(RangeReader reader) {
    this.reader = reader;
  }

  @Override
  public long forEach(DatasetRef dataset, SplitBatches batches, Consumer<PreparedBatch> sink) {
    Set<Long> seen = new HashSet<>();
    long[] rows = {0};
    reader.read(
        batches.getRangesList(),
        dataset.getDatasetId(),
        EventTypes.PREPARED_BATCH,
        PreparedBatch.parser(),
        batch -> {
          if (batch.getDataset().getVersion() == dataset.getVersion()
              && batch.getSplit() == Split.TEST
              && seen.add(batch.getBatchIndex())) {
            rows[0] += batch.getRows();
            sink.accept(batch);
          }
        });
    return rows[0];
  }
}
