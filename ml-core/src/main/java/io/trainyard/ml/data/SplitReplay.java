package io.trainyard.ml.data;

import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.toolkit.messaging.RangeReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Takes the PreparedBatches replayed from a DatasetPrepared's offset ranges and passes on the rows
 * of one split of one data set version: batches of other versions (they share the Kafka key) and
 * other splits are skipped, each batch index is taken once (a re-published batch is not counted
 * twice), and every batch must hold {@code rows × features} values and one label per row.
 *
 * <pre>{@code
 * TrainingData.Builder data = TrainingData.builder(features);
 * new SplitReplay(dataset, Split.TRAIN, features, data::add).replay(rangeReader, prepared.getTrain());
 * }</pre>
 *
 * <p>As a plain {@code Consumer<PreparedBatch>} it takes batches from anywhere (the unit tests hand
 * them over one by one). Not thread-safe: one replay, one thread (as a RangeReader delivers).
 */
public final class SplitReplay implements Consumer<PreparedBatch> {

  private final DatasetRef dataset;
  private final Split split;
  private final int features;
  private final BiConsumer<float[], int[]> rows;
  private final Set<Long> seen = new HashSet<>();
  private long rowCount;

  /**
   * @param dataset the data set version whose batches are wanted
   * @param split the split whose batches are wanted
   * @param features the values each row must have
   * @param rows receives each batch's features (rows × features, row-major) and labels (one class
   *     index per row), in the order the batches arrive
   */
  public SplitReplay(
      DatasetRef dataset, Split split, int features, BiConsumer<float[], int[]> rows) {
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, got " + features);
    }
    this.dataset = dataset;
    this.split = split;
    this.features = features;
    this.rows = rows;
  }

  /**
   * Passes the batch's rows on when it is one of the wanted ones.
   *
   * @throws IllegalStateException when a wanted batch does not have the expected shape
   */
  @Override
  public void accept(PreparedBatch batch) {
    if (!batch.getDataset().getDatasetId().equals(dataset.getDatasetId())
        || batch.getDataset().getVersion() != dataset.getVersion()
        || batch.getSplit() != split
        || !seen.add(batch.getBatchIndex())) {
      return;
    }
    if (batch.getFeatures() != features) {
      throw new IllegalStateException(
          name()
              + " batch "
              + batch.getBatchIndex()
              + " has "
              + batch.getFeatures()
              + " features, expected "
              + features);
    }
    if (batch.getYCount() != batch.getRows()
        || (long) batch.getXCount() != (long) batch.getRows() * features) {
      throw new IllegalStateException(
          name()
              + " batch "
              + batch.getBatchIndex()
              + " does not hold rows × features values and one label per row ("
              + batch.getRows()
              + " rows, "
              + batch.getXCount()
              + " values, "
              + batch.getYCount()
              + " labels)");
    }
    float[] x = new float[batch.getXCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = batch.getX(i);
    }
    int[] y = new int[batch.getYCount()];
    for (int i = 0; i < y.length; i++) {
      y[i] = batch.getY(i);
    }
    rowCount += y.length;
    rows.accept(x, y);
  }

  /**
   * Reads {@code batches}' offset ranges with {@code reader} (the records keyed by the data set id,
   * as the labeling stage publishes them) into this, then checks the row count.
   *
   * @return rows passed on
   * @throws IllegalStateException when a batch does not fit or the count is not {@code
   *     batches.getRows()}
   */
  public long replay(RangeReader reader, SplitBatches batches) {
    reader.read(
        batches.getRangesList(),
        dataset.getDatasetId(),
        EventTypes.PREPARED_BATCH,
        PreparedBatch.parser(),
        this);
    requireRows(batches.getRows());
    return rowCount;
  }

  /** Rows passed on so far. */
  public long rows() {
    return rowCount;
  }

  /** Batches passed on so far. */
  public long batches() {
    return seen.size();
  }

  /**
   * Checks that the replay passed on as many rows as the DatasetPrepared says the split has.
   *
   * @throws IllegalStateException when it did not (ranges that do not hold the whole split)
   */
  public void requireRows(long expected) {
    if (rowCount != expected) {
      throw new IllegalStateException(
          "replayed "
              + rowCount
              + " "
              + name()
              + " rows of "
              + dataset.getDatasetId()
              + " v"
              + dataset.getVersion()
              + ", the prepared data set says "
              + expected);
    }
  }

  private String name() {
    return split.name().toLowerCase(Locale.ROOT);
  }
}
