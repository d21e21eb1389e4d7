package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.toolkit.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Gathers the rows of one split into PreparedBatches of {@code batchSize} rows (the last one may be
 * smaller): x float32 row-major (rows x features), y class indexes, row ids, in arrival order. A
 * batch is written straight in protobuf wire format with a {@link WireWriter} (the bytes the
 * generated serializer gives for the same message; the features copied in bulk, not a method call
 * per value).
 */
public final class BatchBuilder {

  /** Receives each batch as it fills up. */
  @FunctionalInterface
  public interface Sink {
    void accept(EncodedBatch batch);
  }

  /** A sink of batches as messages (parsed from their bytes), for tests. */
  public static Sink parsing(Consumer<PreparedBatch> sink) {
    return batch -> sink.accept(batch.message());
  }

  private final DatasetRef ref;
  private final Split split;
  private final int batchSize;
  private final int features;
  private final Sink sink;
  private final float[] x;
  private final int[] y;
  private final long[] rowIds;
  private final byte[] refBytes;
  private int rows;
  private long batches;
  private long total;

  public BatchBuilder(DatasetRef ref, Split split, int batchSize, int features, Sink sink) {
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
    this.refBytes = ref.toByteArray();
  }

  /**
   * The deterministic event id of a batch, so that preparing a version again (a redelivered event)
   * sends the same ids.
   */
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
    String eventId = eventId(ref, split, batches);
    byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    int values = rows * features;
    long yBytes = 0;
    long idBytes = 0;
    for (int i = 0; i < rows; i++) {
      yBytes += WireWriter.int32SizeNoTag(y[i]);
      idBytes += WireWriter.int64SizeNoTag(rowIds[i]);
    }
    long size =
        WireWriter.bytesSize(PreparedBatch.EVENT_ID_FIELD_NUMBER, id.length)
            + WireWriter.messageSize(PreparedBatch.DATASET_FIELD_NUMBER, refBytes.length)
            + WireWriter.int32Size(PreparedBatch.SPLIT_FIELD_NUMBER, split.getNumber())
            + WireWriter.int64Size(PreparedBatch.BATCH_INDEX_FIELD_NUMBER, batches)
            + WireWriter.int32Size(PreparedBatch.ROWS_FIELD_NUMBER, rows)
            + WireWriter.int32Size(PreparedBatch.FEATURES_FIELD_NUMBER, features)
            + WireWriter.bytesSize(PreparedBatch.X_FIELD_NUMBER, 4L * values)
            + WireWriter.bytesSize(PreparedBatch.Y_FIELD_NUMBER, yBytes)
            + WireWriter.bytesSize(PreparedBatch.ROW_IDS_FIELD_NUMBER, idBytes);
    WireWriter out = new WireWriter(size);
    out.bytes(PreparedBatch.EVENT_ID_FIELD_NUMBER, id);
    out.element(PreparedBatch.DATASET_FIELD_NUMBER, refBytes);
    out.int32(PreparedBatch.SPLIT_FIELD_NUMBER, split.getNumber());
    out.int64(PreparedBatch.BATCH_INDEX_FIELD_NUMBER, batches);
    out.int32(PreparedBatch.ROWS_FIELD_NUMBER, rows);
    out.int32(PreparedBatch.FEATURES_FIELD_NUMBER, features);
    if (values > 0) {
      out.lengthDelimited(PreparedBatch.X_FIELD_NUMBER, 4L * values);
      out.floats(x, values);
    }
    if (rows > 0) {
      out.lengthDelimited(PreparedBatch.Y_FIELD_NUMBER, yBytes);
      for (int i = 0; i < rows; i++) {
        out.int32NoTag(y[i]);
      }
      out.lengthDelimited(PreparedBatch.ROW_IDS_FIELD_NUMBER, idBytes);
      for (int i = 0; i < rows; i++) {
        out.int64NoTag(rowIds[i]);
      }
    }
    EncodedBatch batch = new EncodedBatch(split, batches, eventId, out.finish());
    batches++;
    rows = 0;
    sink.accept(batch);
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
