package io.trainyard.ingest.scan;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ConsecutiveRowIds;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DoubleValues;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.PackedDecimals;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.ingest.csv.ValueDictionary;
import io.trainyard.ingest.split.Splitter;
import io.trainyard.toolkit.wire.Decimals;
import io.trainyard.toolkit.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * The publishing pass from a {@link ChunkSpool}: writes each {@link RowChunk} straight in protobuf
 * wire format, the bytes {@code RowChunk.toByteArray()} gives for the same chunk built as a message
 * (same fields, same order, same encoding; a test holds the two to the same bytes), without parsing
 * the CSV again or building the message. Row ids are 1..n in file order, and a chunk carries its
 * ids as their run (ConsecutiveRowIds); numeric columns travel as NumericColumn with NaN for
 * missing (and for the non-numeric cells the allowance read as missing), categorical ones as
 * StringColumn with "" for missing, labels as indexes into the chunk's label names (its classes in
 * class order, then "" when a label is missing). A numeric column of a chunk goes as packed
 * decimals ({@link Decimals}: 1 to 4 bytes a number, the fewest its span in the chunk allows) when
 * its numbers are short decimals, as CSV numbers usually are, and as doubles otherwise; categorical
 * values and labels are the UTF-8 bytes of their dictionary entries. Field numbers are the
 * generated classes' constants. One encoder serves one publishing pass (it keeps a chunk's numbers
 * in scratch arrays between calls).
 */
public final class ChunkEncoder {

  private final Scan scan;
  private final ChunkSpool spool;
  private final DatasetRef ref;
  private final Splitter.Assignment assignment;
  private final int chunkRows;
  private final byte[] refBytes;

  /** Spool column (non-label columns in file order) of each numeric column, in file order. */
  private final int[] numericSpool;

  private final byte[][] numericNames;
  private final int[] categoricalSpool;
  private final byte[][] categoricalNames;
  private final byte[][][] categoricalValues;
  private final byte[][] labels;

  /** A chunk's numbers per numeric column, where they are read back from the spool. */
  private final double[][] numbers;

  public ChunkEncoder(
      Scan scan, ChunkSpool spool, DatasetRef ref, Splitter.Assignment assignment, int chunkRows) {
    if (spool.rows() != scan.rows()) {
      throw new IllegalStateException(
          "the spool holds " + spool.rows() + " rows, the scan " + scan.rows());
    }
    this.scan = scan;
    this.spool = spool;
    this.ref = ref;
    this.assignment = assignment;
    this.chunkRows = chunkRows;
    this.refBytes = ref.toByteArray();
    int width = scan.header().size();
    int numeric = 0;
    int categorical = 0;
    for (int i = 0; i < width; i++) {
      if (scan.kind(i) == ColumnKind.NUMERIC) {
        numeric++;
      } else if (scan.kind(i) == ColumnKind.CATEGORICAL) {
        categorical++;
      }
    }
    numericSpool = new int[numeric];
    numericNames = new byte[numeric][];
    categoricalSpool = new int[categorical];
    categoricalNames = new byte[categorical][];
    categoricalValues = new byte[categorical][][];
    numeric = 0;
    categorical = 0;
    int spooled = 0;
    for (int i = 0; i < width; i++) {
      ColumnKind kind = scan.kind(i);
      if (kind == ColumnKind.LABEL) {
        continue;
      }
      byte[] name = utf8(scan.header().get(i));
      if (kind == ColumnKind.NUMERIC) {
        numericSpool[numeric] = spooled;
        numericNames[numeric++] = name;
      } else if (kind == ColumnKind.CATEGORICAL) {
        categoricalSpool[categorical] = spooled;
        categoricalNames[categorical] = name;
        ValueDictionary d = scan.dictionary(i);
        byte[][] values = new byte[d.size()][];
        for (int id = 0; id < values.length; id++) {
          values[id] = utf8(d.value(id));
        }
        categoricalValues[categorical++] = values;
      }
      spooled++;
    }
    if (spooled != spool.columns()) {
      throw new IllegalStateException(
          "the spool holds " + spool.columns() + " columns, the scan " + spooled);
    }
    numbers = new double[numeric][];
    String[] classes = scan.classes();
    labels = new byte[classes.length][];
    for (int c = 0; c < classes.length; c++) {
      labels[c] = utf8(classes[c]);
    }
  }

  /** Chunks the data set makes. */
  public long chunkCount() {
    return (scan.rows() + (long) chunkRows - 1) / chunkRows;
  }

  /** The event id of a chunk: stable, so a re-sent chunk is recognised downstream. */
  public static String chunkEventId(DatasetRef ref, long index) {
    return ref.getDatasetId() + "/v" + ref.getVersion() + "/chunk/" + index;
  }

  /** The event id of chunk {@code index}. */
  public String eventId(long index) {
    return chunkEventId(ref, index);
  }

  /** Chunk {@code index} in wire format. */
  public byte[] encode(long index) {
    long first = index * chunkRows;
    int n = (int) Math.min(chunkRows, scan.rows() - first);
    if (n <= 0) {
      throw new IllegalArgumentException("no chunk " + index);
    }
    byte[] eventId = utf8(eventId(index));
    byte[] splits = assignment.splits();

    // Sizes first: the buffer is allocated once, exactly.
    long splitBytes = 0;
    for (int r = 0; r < n; r++) {
      splitBytes += WireWriter.int32SizeNoTag(splits[(int) (first + r)]);
    }
    // The row ids as their run, first + 1 .. first + n.
    long runSize =
        WireWriter.int64Size(ConsecutiveRowIds.FIRST_FIELD_NUMBER, first + 1)
            + WireWriter.int64Size(ConsecutiveRowIds.COUNT_FIELD_NUMBER, n);
    long size =
        WireWriter.bytesSize(RowChunk.EVENT_ID_FIELD_NUMBER, eventId.length)
            + WireWriter.messageSize(RowChunk.DATASET_FIELD_NUMBER, refBytes.length)
            + WireWriter.int64Size(RowChunk.CHUNK_INDEX_FIELD_NUMBER, index)
            + WireWriter.bytesSize(RowChunk.SPLITS_FIELD_NUMBER, splitBytes)
            + WireWriter.messageSize(RowChunk.CONSECUTIVE_FIELD_NUMBER, runSize);
    long[] numericSize = new long[numericSpool.length];
    long[] formSize = new long[numericSpool.length];
    int[] scales = new int[numericSpool.length];
    boolean[] spooledDecimals = new boolean[numericSpool.length];
    int[] widths = new int[numericSpool.length];
    int[] bases = new int[numericSpool.length];
    int[][] decimals = new int[numericSpool.length][];
    for (int c = 0; c < numericSpool.length; c++) {
      // A chunk that the spool holds as one segment in the decimal form is copied as it is;
      // otherwise its numbers are read back and the form chosen here (the same choice).
      int scale = spool.decimalScale(numericSpool[c], first, n);
      spooledDecimals[c] = scale >= 0;
      if (scale >= 0) {
        widths[c] = spool.packedWidth(numericSpool[c], first);
        bases[c] = spool.packedBase(numericSpool[c], first);
      } else {
        int[] d = new int[n];
        scale = Decimals.encodeAll(readNumbers(c, first, n), 0, n, d);
        if (scale >= 0) {
          decimals[c] = d;
          Decimals.Packing packing = Decimals.packing(d, 0, n);
          widths[c] = packing.width();
          bases[c] = packing.base();
        }
      }
      scales[c] = scale;
      long form;
      if (scale < 0) {
        formSize[c] = WireWriter.bytesSize(DoubleValues.VALUES_FIELD_NUMBER, 8L * n);
        form = WireWriter.messageSize(NumericColumn.DOUBLES_FIELD_NUMBER, formSize[c]);
      } else {
        formSize[c] =
            WireWriter.int32Size(PackedDecimals.SCALE_FIELD_NUMBER, scale)
                + WireWriter.int32Size(PackedDecimals.WIDTH_FIELD_NUMBER, widths[c])
                + WireWriter.sint32Size(PackedDecimals.BASE_FIELD_NUMBER, bases[c])
                + WireWriter.bytesSize(PackedDecimals.PACKED_FIELD_NUMBER, (long) widths[c] * n);
        form = WireWriter.messageSize(NumericColumn.PACKED_FIELD_NUMBER, formSize[c]);
      }
      numericSize[c] =
          WireWriter.bytesSize(NumericColumn.NAME_FIELD_NUMBER, numericNames[c].length) + form;
      size += WireWriter.messageSize(RowChunk.NUMERIC_FIELD_NUMBER, numericSize[c]);
    }
    int[][] categoricalIds = new int[categoricalSpool.length][];
    long[] categoricalSize = new long[categoricalSpool.length];
    for (int c = 0; c < categoricalSpool.length; c++) {
      int[] ids = new int[n];
      spool.readIds(categoricalSpool[c], first, n, ids);
      categoricalIds[c] = ids;
      long s = WireWriter.bytesSize(StringColumn.NAME_FIELD_NUMBER, categoricalNames[c].length);
      for (int r = 0; r < n; r++) {
        s += WireWriter.messageSize(StringColumn.VALUES_FIELD_NUMBER, value(c, ids[r]).length);
      }
      categoricalSize[c] = s;
      size += WireWriter.messageSize(RowChunk.CATEGORICAL_FIELD_NUMBER, s);
    }
    boolean labelled = scan.labelIndex() >= 0;
    // The labels as indexes into the chunk's own names: the classes it has, in class order, then
    // "" where a label is missing. The index of class c (or of "" at slot k) is slot[c] - 1.
    int k = labels.length;
    int[] slot = new int[k + 1];
    byte[][] labelNames = new byte[0][];
    long labelIndexBytes = 0;
    if (labelled) {
      for (int r = 0; r < n; r++) {
        int c = scan.label((int) (first + r));
        slot[c < 0 ? k : c] = 1;
      }
      int names = 0;
      for (int c = 0; c <= k; c++) {
        if (slot[c] != 0) {
          slot[c] = ++names;
        }
      }
      labelNames = new byte[names][];
      for (int c = 0; c <= k; c++) {
        if (slot[c] != 0) {
          labelNames[slot[c] - 1] = c == k ? EMPTY : labels[c];
        }
      }
      for (byte[] name : labelNames) {
        size += WireWriter.messageSize(RowChunk.LABEL_NAMES_FIELD_NUMBER, name.length);
      }
      for (int r = 0; r < n; r++) {
        int c = scan.label((int) (first + r));
        labelIndexBytes += WireWriter.int32SizeNoTag(slot[c < 0 ? k : c] - 1);
      }
      size += WireWriter.bytesSize(RowChunk.LABEL_INDEXES_FIELD_NUMBER, labelIndexBytes);
    }

    // Fields in number order, as the generated serializer writes them.
    WireWriter w = new WireWriter(size);
    w.bytes(RowChunk.EVENT_ID_FIELD_NUMBER, eventId);
    w.element(RowChunk.DATASET_FIELD_NUMBER, refBytes);
    w.int64(RowChunk.CHUNK_INDEX_FIELD_NUMBER, index);
    w.lengthDelimited(RowChunk.SPLITS_FIELD_NUMBER, splitBytes);
    for (int r = 0; r < n; r++) {
      w.int32NoTag(splits[(int) (first + r)]);
    }
    for (int c = 0; c < numericSpool.length; c++) {
      w.lengthDelimited(RowChunk.NUMERIC_FIELD_NUMBER, numericSize[c]);
      w.bytes(NumericColumn.NAME_FIELD_NUMBER, numericNames[c]);
      int scale = scales[c];
      if (scale < 0) {
        w.lengthDelimited(NumericColumn.DOUBLES_FIELD_NUMBER, formSize[c]);
        w.lengthDelimited(DoubleValues.VALUES_FIELD_NUMBER, 8L * n);
        w.doubles(numbers[c], n);
        continue;
      }
      int col = numericSpool[c];
      int width = widths[c];
      int base = bases[c];
      w.lengthDelimited(NumericColumn.PACKED_FIELD_NUMBER, formSize[c]);
      w.int32(PackedDecimals.SCALE_FIELD_NUMBER, scale);
      w.int32(PackedDecimals.WIDTH_FIELD_NUMBER, width);
      w.sint32(PackedDecimals.BASE_FIELD_NUMBER, base);
      w.lengthDelimited(PackedDecimals.PACKED_FIELD_NUMBER, (long) width * n);
      if (spooledDecimals[c]) {
        w.fill(width * n, (buf, at) -> spool.readDecimals(col, first, n, buf, at));
      } else {
        int[] d = decimals[c];
        w.fill(width * n, (buf, at) -> Decimals.pack(d, 0, n, width, base, buf, at));
      }
    }
    for (int c = 0; c < categoricalSpool.length; c++) {
      w.lengthDelimited(RowChunk.CATEGORICAL_FIELD_NUMBER, categoricalSize[c]);
      w.bytes(StringColumn.NAME_FIELD_NUMBER, categoricalNames[c]);
      int[] ids = categoricalIds[c];
      for (int r = 0; r < n; r++) {
        w.element(StringColumn.VALUES_FIELD_NUMBER, value(c, ids[r]));
      }
    }
    if (labelled) {
      for (byte[] name : labelNames) {
        w.element(RowChunk.LABEL_NAMES_FIELD_NUMBER, name);
      }
      w.lengthDelimited(RowChunk.LABEL_INDEXES_FIELD_NUMBER, labelIndexBytes);
      for (int r = 0; r < n; r++) {
        int c = scan.label((int) (first + r));
        w.int32NoTag(slot[c < 0 ? k : c] - 1);
      }
    }
    w.lengthDelimited(RowChunk.CONSECUTIVE_FIELD_NUMBER, runSize);
    w.int64(ConsecutiveRowIds.FIRST_FIELD_NUMBER, first + 1);
    w.int64(ConsecutiveRowIds.COUNT_FIELD_NUMBER, n);
    return w.finish();
  }

  /** The numbers of numeric column {@code c} for rows [first, first + n), from the spool. */
  private double[] readNumbers(int c, long first, int n) {
    if (numbers[c] == null || numbers[c].length < n) {
      numbers[c] = new double[n];
    }
    spool.readNumbers(numericSpool[c], first, n, numbers[c]);
    return numbers[c];
  }

  private static final byte[] EMPTY = new byte[0];

  private byte[] value(int categorical, int id) {
    return id < 0 ? EMPTY : categoricalValues[categorical][id];
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
