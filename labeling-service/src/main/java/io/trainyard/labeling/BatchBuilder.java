package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Gathers the rows of one split into PreparedBatches of {@code batchSize} rows (the last one may be
 * smaller): x float32 row-major (rows x features), y class indexes, row ids, in arrival order.
 */
public final class BatchBuilder {

  private final DatasetRef ref;
  private final Split split;
  private final int batchSize;
  private final int features;
  private final Consumer<PreparedBatch> sink;
  private final float[] x;
  private final int[] y;
  private final long[] rowIds;
  private int rows;
  private long batches;
  private long total;

  public BatchBuilder(
      DatasetRef ref, Split split, int batchSize, int features, Consumer<PreparedBatch> sink) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.ref = ref;
    this.split = split;
    this.batchSize = batchSize;
    this.features = features;
    this.sink = sink;
    this.x = new float[batchSize * features];
    this.y = new int[batchSize];
    this.rowIds = new long[batchSize];
  }

  /** The deterministic event id of a batch, so a redone run sends the same ids. */
  public static String eventId(DatasetRef ref, Split split, long batchIndex) {
    return UUID.nameUUIDFromBytes(
            ("trainyard-labeling:batch:"
                    + ref.getDatasetId()
                    + ":"
                    + ref.getVersion()
                    + ":"
                    + split.name()
                    + ":"
                    + batchIndex)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Adds row {@code row} of the row-major {@code src} (features per row) with its class. */
  public void add(float[] src, int row, int cls, long rowId) {
    System.arraycopy(src, row * features, x, rows * features, features);
    y[rows] = cls;
    rowIds[rows] = rowId;
    rows++;
    total++;
    if (rows == batchSize) {
      emit();
    }
  }

  /** Emits the partial last batch, if any rows wait. */
  public void flush() {
    if (rows > 0) {
      emit();
    }
  }

  private void emit() {
    PreparedBatch.Builder b =
        PreparedBatch.newBuilder()
            .setEventId(eventId(ref, split, batches))
            .setDataset(ref)
            .setSplit(split)
            .setBatchIndex(batches)
            .setRows(rows)
            .setFeatures(features);
    int values = rows * features;
    for (int i = 0; i < values; i++) {
      b.addX(x[i]);
    }
    for (int i = 0; i < rows; i++) {
      b.addY(y[i]);
      b.addRowIds(rowIds[i]);
    }
    batches++;
    rows = 0;
    sink.accept(b.build());
  }

  /** Rows added so far. */
  public long rows() {
    return total;
  }

  /** Batches emitted so far. */
  public long batches() {
    return batches;
  }
}
