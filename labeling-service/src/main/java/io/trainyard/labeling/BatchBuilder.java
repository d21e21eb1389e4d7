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
 * batch is written straight in protobuf wire format (the bytes the generated serializer gives for
 * the same message; the features copied in bulk, not a method call per value).
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
    String eventId = eventId(ref, split, batches);
    byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    int values = rows * features;
    long yBytes = 0;
    long idBytes = 0;
    for (int i = 0; i < rows; i++) {
      yBytes += WireWriter.varint32Size(y[i]);
      idBytes += WireWriter.varintSize(rowIds[i]);
    }
    long size =
        WireWriter.fieldSize(1, id.length)
            + WireWriter.fieldSize(2, refBytes.length)
            + WireWriter.scalarSize(3, split.getNumber())
            + WireWriter.scalarSize(4, batches)
            + WireWriter.scalarSize(5, rows)
            + WireWriter.scalarSize(6, features)
            + WireWriter.fieldSize(7, 4L * values)
            + WireWriter.fieldSize(8, yBytes)
            + WireWriter.fieldSize(9, idBytes);
    WireWriter out = new WireWriter(size);
    out.bytesField(1, id);
    out.bytesField(2, refBytes);
    out.scalarField(3, split.getNumber());
    out.scalarField(4, batches);
    out.scalarField(5, rows);
    out.scalarField(6, features);
    if (values > 0) {
      out.lengthDelimited(7, 4L * values);
      out.floats(x, values);
    }
    if (rows > 0) {
      out.lengthDelimited(8, yBytes);
      for (int i = 0; i < rows; i++) {
        out.varint(y[i]);
      }
      out.lengthDelimited(9, idBytes);
      for (int i = 0; i < rows; i++) {
        out.varint(rowIds[i]);
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
