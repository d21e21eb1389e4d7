package io.trainyard.toolkit.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A {@link RowChunk} read straight from its protobuf wire bytes into primitive arrays: row ids,
 * splits, each numeric column as a {@code double[]} (a packed column is copied in bulk, not value
 * by value; a column in the {@link Decimals} form, packed or not, is divided back into its doubles)
 * or, one that came as floats, as its {@code float[]} ({@link #floats}, widened to doubles only
 * when asked), each categorical column and the labels as strings. The generated parser builds a
 * growable list per column and calls a method per value; this is several times cheaper, which
 * matters in the stages that read every chunk of a data set two or three times. Reads what the
 * generated parser reads (packed or unpacked repeated fields, any field order, unknown fields
 * skipped, later singular values win). Where a chunk passes through a stage unchanged, {@link
 * #rowIdsPayload()}, {@link #splitsPayload()} and {@link #labelsRun()} let a {@link WireWriter}
 * copy those fields as bytes.
 */
public final class ChunkView {

  private String eventId = "";
  private DatasetRef dataset = DatasetRef.getDefaultInstance();
  private long chunkIndex;
  private long[] rowIds = new long[0];
  private int rowIdCount;
  private int[] splits = new int[0];
  private int splitCount;
  private final List<String> numericNames = new ArrayList<>();

  /** Per numeric column its values, or null for a column that came as floats (see floats). */
  private final List<double[]> numeric = new ArrayList<>();

  /** Per numeric column the floats it came as, or null. */
  private final List<float[]> floats = new ArrayList<>();

  /** Float columns widened to doubles on request (guarded by this). */
  private double[][] widened;

  private final List<String> categoricalNames = new ArrayList<>();
  private final List<String[]> categorical = new ArrayList<>();
  private byte[] bytes;

  /** Where the chunk lies in {@link #bytes}: [from, to). */
  private int from;

  private int to;

  /** Each label's UTF-8 bytes in {@link #bytes}: start and length; decoded on demand. */
  private int[] labelAt = new int[0];

  private int labelCount;
  private String[] labels;

  /** The dictionary form: each label name's UTF-8 bytes (start, length), and per row its index. */
  private int[] labelNameAt = new int[0];

  private int labelNameCount;
  private int[] labelIndex = new int[0];
  private int labelIndexCount;

  /** The single packed row_ids / splits field's payload, as [from, to) of bytes; -1 if not so. */
  private int rowIdsFrom = -1;

  private int rowIdsTo = -1;
  private int rowIdFields;
  private int splitsFrom = -1;
  private int splitsTo = -1;
  private int splitFields;

  /**
   * The label entries (tags included) as one run [from, to) of bytes, when nothing sits between.
   */
  private int labelsFrom = -1;

  private int labelsTo = -1;
  private boolean labelsContiguous = true;

  /** Whether a field other than the labels' came after the labels began. */
  private boolean afterLabels;

  /** The ids as a run of consecutive ids: the first and how many (-1: not in that form). */
  private long firstRowId;

  private long rowRange = -1;

  private ChunkView() {}

  /** Reads a serialized RowChunk; an {@link IllegalArgumentException} when it is malformed. */
  public static ChunkView parse(byte[] bytes) {
    return parse(bytes, 0, bytes.length);
  }

  /**
   * Reads a serialized RowChunk that lies in {@code bytes} at [from, to), without copying it: the
   * view keeps reading that array, so the caller must not change it while the view is in use.
   */
  public static ChunkView parse(byte[] bytes, int from, int to) {
    if (from < 0 || to > bytes.length || from > to) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") outside " + bytes.length + " bytes");
    }
    ChunkView v = new ChunkView();
    v.bytes = bytes;
    v.from = from;
    v.to = to;
    try {
      v.read(new Reader(bytes, from, to));
    } catch (IndexOutOfBoundsException | InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a valid RowChunk: " + e.getMessage(), e);
    }
    v.checkRowRange();
    v.rowIds = Arrays.copyOf(v.rowIds, v.rowIdCount);
    v.splits = Arrays.copyOf(v.splits, v.splitCount);
    v.checkLabels();
    return v;
  }

  /**
   * Reads a serialized RowChunk from a buffer's remaining bytes: in place when the buffer is backed
   * by an array (a Kafka consumer's {@code ByteBufferDeserializer} hands out slices of the fetched
   * response, so the chunk is parsed where it was received), else from a copy.
   */
  public static ChunkView parse(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      int start = buffer.arrayOffset() + buffer.position();
      return parse(buffer.array(), start, start + buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return parse(copy);
  }

  /**
   * Reads a record of a chunk topic with the checks of {@link Envelopes#unwrap}: a missing or
   * different CloudEvents type, an empty value or bytes that are not a RowChunk are a {@link
   * PoisonEventException} with the reason.
   */
  public static ChunkView unwrap(ConsumerRecord<?, ByteBuffer> record) {
    Header type = record.headers().lastHeader(EventHeaders.CE_TYPE);
    Envelopes.checkType(
        type == null || type.value() == null
            ? null
            : new String(type.value(), StandardCharsets.UTF_8),
        EventTypes.ROW_CHUNK);
    ByteBuffer value = record.value();
    if (value == null || !value.hasRemaining()) {
      throw new PoisonEventException("empty payload for " + EventTypes.ROW_CHUNK);
    }
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new PoisonEventException(
          "payload is not a valid " + EventTypes.ROW_CHUNK + ": " + e.getMessage(), e);
    }
  }

  /** The view of a message (tests and warm-up; the stages read bytes). */
  public static ChunkView of(RowChunk chunk) {
    return parse(chunk.toByteArray());
  }

  private void read(Reader in) throws InvalidProtocolBufferException {
    while (in.more()) {
      int fieldStart = in.pos;
      int tag = in.varint32();
      int field = tag >>> 3;
      int type = tag & 7;
      boolean labelField = field >= 8 && field <= 10;
      if (!labelField && labelsFrom >= 0) {
        afterLabels = true;
      } else if (labelField && afterLabels) {
        labelsContiguous = false; // something between the label fields
      }
      if (labelField && labelsFrom < 0) {
        labelsFrom = fieldStart;
      }
      switch (field) {
        case 1 -> eventId = in.string(type);
        case 2 -> dataset = DatasetRef.parseFrom(in.bytes(type));
        case 3 -> chunkIndex = in.scalar(type);
        case 4 -> {
          rowIdFields++;
          if (type == 2) {
            int end = in.lengthEnd();
            rowIdsFrom = in.pos;
            rowIdsTo = end;
            while (in.pos < end) {
              addRowId(in.varint64());
            }
            in.expect(end);
          } else {
            rowIdFields++; // unpacked: no single payload to copy
            addRowId(in.scalar(type));
          }
        }
        case 5 -> {
          splitFields++;
          if (type == 2) {
            int end = in.lengthEnd();
            splitsFrom = in.pos;
            splitsTo = end;
            while (in.pos < end) {
              addSplit((int) in.varint64());
            }
            in.expect(end);
          } else {
            splitFields++; // unpacked: no single payload to copy
            addSplit((int) in.scalar(type));
          }
        }
        case 6 -> readNumeric(in.sub(type));
        case 7 -> readCategorical(in.sub(type));
        case 8 -> {
          Reader label = in.sub(type);
          addLabel(label.pos, label.end - label.pos);
          labelsTo = in.pos;
        }
        case 9 -> {
          Reader name = in.sub(type);
          addLabelName(name.pos, name.end - name.pos);
          labelsTo = in.pos;
        }
        case 10 -> {
          if (type == 2) {
            int end = in.lengthEnd();
            while (in.pos < end) {
              addLabelIndex(in.varint64());
            }
            in.expect(end);
          } else {
            addLabelIndex(in.scalar(type));
          }
          labelsTo = in.pos;
        }
        case 11 -> firstRowId = in.scalar(type);
        case 12 -> {
          long count = in.scalar(type);
          if (count < 0) {
            throw new InvalidProtocolBufferException("a negative row_count " + count);
          }
          rowRange = count;
        }
        default -> in.skip(type);
      }
    }
  }

  private void readNumeric(Reader in) throws InvalidProtocolBufferException {
    String name = "";
    double[] values = new double[0];
    int count = 0;
    Bits32 decimals = new Bits32();
    long scale = 0;
    float[] floatValues = new float[0];
    int floatCount = 0;
    int packedFrom = -1;
    int packedTo = -1;
    long width = 0;
    long base = 0;
    while (in.more()) {
      int tag = in.varint32();
      int field = tag >>> 3;
      int type = tag & 7;
      if (field == 1) {
        name = in.string(type);
      } else if (field == 2 && type == 2) {
        int end = in.lengthEnd();
        int n = in.packedCount(end, 8, "doubles");
        if (count + n > values.length) {
          values = Arrays.copyOf(values, count + n);
        }
        ByteBuffer.wrap(in.buf, in.pos, end - in.pos)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asDoubleBuffer()
            .get(values, count, n);
        count += n;
        in.pos = end;
      } else if (field == 2 && type == 1) {
        if (count == values.length) {
          values = Arrays.copyOf(values, Math.max(16, count * 2));
        }
        values[count++] = Double.longBitsToDouble(in.fixed64());
      } else if (field == 3 && (type == 2 || type == 5)) {
        decimals.read(in, type, "decimals");
      } else if (field == 4 && type == 0) {
        scale = in.varint64();
      } else if (field == 5 && type == 2) {
        // Packed floats copied in bulk, as the floats they are (no int bits in between).
        int end = in.lengthEnd();
        int n = in.packedCount(end, 4, "floats");
        if (floatCount + n > floatValues.length) {
          floatValues = Arrays.copyOf(floatValues, floatCount + n);
        }
        ByteBuffer.wrap(in.buf, in.pos, end - in.pos)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(floatValues, floatCount, n);
        floatCount += n;
        in.pos = end;
      } else if (field == 5 && type == 5) {
        if (floatCount == floatValues.length) {
          floatValues = Arrays.copyOf(floatValues, Math.max(16, floatCount * 2));
        }
        floatValues[floatCount++] = Float.intBitsToFloat(in.fixed32());
      } else if (field == 6 && type == 2) {
        packedTo = in.lengthEnd();
        packedFrom = in.pos;
        in.pos = packedTo;
      } else if (field == 7 && type == 0) {
        width = in.varint64();
      } else if (field == 8 && type == 0) {
        long zigzag = in.varint64();
        base = (zigzag >>> 1) ^ -(zigzag & 1);
      } else {
        in.skip(type);
      }
    }
    int decimalCount = decimals.count;
    int packedBytes = packedFrom < 0 ? 0 : packedTo - packedFrom;
    if ((count > 0 ? 1 : 0)
            + (decimalCount > 0 ? 1 : 0)
            + (floatCount > 0 ? 1 : 0)
            + (packedBytes > 0 ? 1 : 0)
        > 1) {
      throw new InvalidProtocolBufferException(
          "numeric column " + name + " carries its numbers in more than one form");
    }
    if (packedBytes > 0) {
      if (!Decimals.validPacking(width, base) || packedBytes % width != 0) {
        throw new InvalidProtocolBufferException(
            "numeric column " + name + " is packed in width " + width + " over " + base);
      }
      if (!Decimals.validScale(scale)) {
        throw new InvalidProtocolBufferException(
            "numeric column " + name + " has scale " + scale + ", not 0.." + Decimals.MAX_SCALE);
      }
      int n = packedBytes / (int) width;
      values = new double[n];
      Decimals.unpack(in.buf, packedFrom, n, (int) width, base, (int) scale, values, 0);
      numericNames.add(name);
      numeric.add(values);
      floats.add(null);
      return;
    }
    if (floatCount > 0) {
      // Kept as the floats they are: a reader that wants floats (labeling's features) takes them
      // as they are, one that wants doubles has them widened once.
      numericNames.add(name);
      numeric.add(null);
      floats.add(
          floatCount == floatValues.length ? floatValues : Arrays.copyOf(floatValues, floatCount));
      return;
    }
    if (decimalCount > 0) {
      if (!Decimals.validScale(scale)) {
        throw new InvalidProtocolBufferException(
            "numeric column " + name + " has scale " + scale + ", not 0.." + Decimals.MAX_SCALE);
      }
      values = new double[decimalCount];
      Decimals.decode(decimals.bits, decimalCount, (int) scale, values, 0);
      count = decimalCount;
    }
    numericNames.add(name);
    numeric.add(count == values.length ? values : Arrays.copyOf(values, count));
    floats.add(null);
  }

  private void readCategorical(Reader in) throws InvalidProtocolBufferException {
    String name = "";
    List<String> values = new ArrayList<>();
    while (in.more()) {
      int tag = in.varint32();
      int field = tag >>> 3;
      int type = tag & 7;
      if (field == 1) {
        name = in.string(type);
      } else if (field == 2) {
        values.add(in.string(type));
      } else {
        in.skip(type);
      }
    }
    categoricalNames.add(name);
    categorical.add(values.toArray(String[]::new));
  }

  private void addRowId(long id) {
    if (rowIdCount == rowIds.length) {
      rowIds = Arrays.copyOf(rowIds, Math.max(64, rowIdCount * 2));
    }
    rowIds[rowIdCount++] = id;
  }

  private void addSplit(int split) {
    if (splitCount == splits.length) {
      splits = Arrays.copyOf(splits, Math.max(64, splitCount * 2));
    }
    splits[splitCount++] = split;
  }

  private void addLabelName(int at, int length) {
    if (2 * labelNameCount == labelNameAt.length) {
      labelNameAt = Arrays.copyOf(labelNameAt, Math.max(8, labelNameCount * 4));
    }
    labelNameAt[2 * labelNameCount] = at;
    labelNameAt[2 * labelNameCount + 1] = length;
    labelNameCount++;
  }

  private void addLabelIndex(long index) {
    if (labelIndexCount == labelIndex.length) {
      labelIndex = Arrays.copyOf(labelIndex, Math.max(64, labelIndexCount * 2));
    }
    // An index beyond an int is out of range whatever the names; checkLabels refuses it.
    labelIndex[labelIndexCount++] = index < 0 || index > Integer.MAX_VALUE ? -1 : (int) index;
  }

  /** Row ids in one form; the run of consecutive ids spelled out. */
  private void checkRowRange() {
    if (rowRange < 0) {
      return;
    }
    if (rowIdCount > 0) {
      throw new IllegalArgumentException(
          "not a valid RowChunk: row ids both listed and as a run of consecutive ids");
    }
    if (rowRange > to - from) {
      throw new IllegalArgumentException(
          "not a valid RowChunk: " + rowRange + " rows in " + (to - from) + " bytes");
    }
    if (firstRowId > Long.MAX_VALUE - rowRange) {
      throw new IllegalArgumentException(
          "not a valid RowChunk: row ids from " + firstRowId + " overflow");
    }
    rowIds = new long[(int) rowRange];
    for (int i = 0; i < rowIds.length; i++) {
      rowIds[i] = firstRowId + i;
    }
    rowIdCount = rowIds.length;
  }

  /**
   * The row ids as a run of consecutive ids, {first id, count}, when the chunk carries them so
   * (fields first_row_id and row_count); else null.
   */
  public long[] rowIdRun() {
    return rowRange < 0 ? null : new long[] {firstRowId, rowRange};
  }

  /** Labels in one form, and every index naming one of the names. */
  private void checkLabels() {
    if (labelCount > 0 && (labelNameCount > 0 || labelIndexCount > 0)) {
      throw new IllegalArgumentException(
          "not a valid RowChunk: labels both as text and as indexes into names");
    }
    for (int i = 0; i < labelIndexCount; i++) {
      int k = labelIndex[i];
      if (k < 0 || k >= labelNameCount) {
        throw new IllegalArgumentException(
            "not a valid RowChunk: label index "
                + k
                + " of row "
                + i
                + " outside the "
                + labelNameCount
                + " label names");
      }
    }
  }

  /** Whether the labels come as indexes into names. */
  private boolean labelsByIndex() {
    return labelIndexCount > 0;
  }

  private void addLabel(int at, int length) {
    if (2 * labelCount == labelAt.length) {
      labelAt = Arrays.copyOf(labelAt, Math.max(128, labelCount * 4));
    }
    labelAt[2 * labelCount] = at;
    labelAt[2 * labelCount + 1] = length;
    labelCount++;
  }

  public String eventId() {
    return eventId;
  }

  public DatasetRef dataset() {
    return dataset;
  }

  public long chunkIndex() {
    return chunkIndex;
  }

  /** Rows: the number of row ids. */
  public int rows() {
    return rowIds.length;
  }

  /** Row ids; shared, do not modify. */
  public long[] rowIds() {
    return rowIds;
  }

  /** Split numbers (as {@code Split.getNumber()}); shared, do not modify. */
  public int[] splits() {
    return splits;
  }

  /** Labels (empty when the data set has none), decoded on first use; shared, do not modify. */
  public String[] labels() {
    if (labels == null && labelsByIndex()) {
      String[] names = new String[labelNameCount];
      for (int k = 0; k < labelNameCount; k++) {
        names[k] =
            new String(bytes, labelNameAt[2 * k], labelNameAt[2 * k + 1], StandardCharsets.UTF_8);
      }
      String[] out = new String[labelIndexCount];
      for (int i = 0; i < labelIndexCount; i++) {
        out[i] = names[labelIndex[i]];
      }
      labels = out;
    }
    if (labels == null) {
      String[] out = new String[labelCount];
      for (int i = 0; i < labelCount; i++) {
        out[i] = new String(bytes, labelAt[2 * i], labelAt[2 * i + 1], StandardCharsets.UTF_8);
      }
      labels = out;
    }
    return labels;
  }

  /**
   * Per label, its index in {@code names} (each a name's UTF-8 bytes), or -1 for a label that is
   * none of them; compared as bytes, without decoding the labels (which for a valid UTF-8 label is
   * the same as comparing the strings). One entry per label the chunk carries.
   */
  public int[] labelIndexes(byte[][] names) {
    if (labelsByIndex()) {
      // Each name of the chunk matched once; the rows then take their name's match.
      int[] match = new int[labelNameCount];
      for (int k = 0; k < labelNameCount; k++) {
        match[k] = indexOf(names, labelNameAt[2 * k], labelNameAt[2 * k + 1]);
      }
      int[] out = new int[labelIndexCount];
      for (int i = 0; i < labelIndexCount; i++) {
        out[i] = match[labelIndex[i]];
      }
      return out;
    }
    int[] out = new int[labelCount];
    for (int i = 0; i < labelCount; i++) {
      int at = labelAt[2 * i];
      int length = labelAt[2 * i + 1];
      int found = -1;
      for (int k = 0; k < names.length; k++) {
        byte[] name = names[k];
        if (name.length == length && Arrays.equals(bytes, at, at + length, name, 0, length)) {
          found = k;
          break;
        }
      }
      out[i] = found;
    }
    return out;
  }

  private int indexOf(byte[][] names, int at, int length) {
    for (int k = 0; k < names.length; k++) {
      byte[] name = names[k];
      if (name.length == length && Arrays.equals(bytes, at, at + length, name, 0, length)) {
        return k;
      }
    }
    return -1;
  }

  /** How many labels the chunk carries (0 when the data set has none), without decoding them. */
  public int labelCount() {
    return labelsByIndex() ? labelIndexCount : labelCount;
  }

  /**
   * The array holding the serialized chunk this view reads, at [{@link #from()}, {@link #to()}):
   * the whole array for a chunk parsed from its own bytes, a part of a fetched response for one
   * parsed in place.
   */
  public byte[] bytes() {
    return bytes;
  }

  /** Where the chunk starts in {@link #bytes()}. */
  public int from() {
    return from;
  }

  /** Where the chunk ends in {@link #bytes()} (exclusive). */
  public int to() {
    return to;
  }

  /** The serialized chunk's length in bytes. */
  public int length() {
    return to - from;
  }

  /** [from, to) of the single packed row_ids payload in {@link #bytes()}, or null. */
  public int[] rowIdsPayload() {
    return rowIdFields == 1 && rowIdsFrom >= 0 ? new int[] {rowIdsFrom, rowIdsTo} : null;
  }

  /** [from, to) of the single packed splits payload in {@link #bytes()}, or null. */
  public int[] splitsPayload() {
    return splitFields == 1 && splitsFrom >= 0 ? new int[] {splitsFrom, splitsTo} : null;
  }

  /**
   * [from, to) of all label fields (the labels as text, or the names and indexes), tags included,
   * in {@link #bytes()}, when they are one run; or null.
   */
  public int[] labelsRun() {
    return labelsFrom >= 0 && labelsContiguous ? new int[] {labelsFrom, labelsTo} : null;
  }

  public int numericCount() {
    return numeric.size();
  }

  public String numericName(int i) {
    return numericNames.get(i);
  }

  /** Values of numeric column {@code i}; shared, do not modify. */
  public double[] numeric(int i) {
    double[] values = numeric.get(i);
    return values != null ? values : widened(i);
  }

  private synchronized double[] widened(int i) {
    if (widened == null) {
      widened = new double[numeric.size()][];
    }
    if (widened[i] == null) {
      float[] f = floats.get(i);
      double[] d = new double[f.length];
      for (int r = 0; r < f.length; r++) {
        d[r] = f[r];
      }
      widened[i] = d;
    }
    return widened[i];
  }

  public int categoricalCount() {
    return categorical.size();
  }

  public String categoricalName(int i) {
    return categoricalNames.get(i);
  }

  /** Values of categorical column {@code i}; shared, do not modify. */
  public String[] categorical(int i) {
    return categorical.get(i);
  }

  /**
   * The values of the numeric column {@code name}, looking at position {@code hint} first (columns
   * usually come in schema order).
   *
   * @throws IllegalStateException if there is no such column or it does not hold one value a row
   */
  public double[] numeric(String name, int hint) {
    double[] values = numeric(find(name, hint, numericNames, "numeric"));
    checkLength(name, values.length);
    return values;
  }

  /**
   * The values of the numeric column {@code name} as the floats the chunk carries them in
   * (NumericColumn's {@code floats}), or null when it carries doubles or decimals; shared, do not
   * modify.
   *
   * @throws IllegalStateException as {@link #numeric(String, int)}
   */
  public float[] floats(String name, int hint) {
    float[] values = floats.get(find(name, hint, numericNames, "numeric"));
    if (values != null) {
      checkLength(name, values.length);
    }
    return values;
  }

  /** As {@link #numeric(String, int)}, for a categorical column. */
  public String[] categorical(String name, int hint) {
    String[] values = categorical(find(name, hint, categoricalNames, "categorical"));
    checkLength(name, values.length);
    return values;
  }

  /** Whether the chunk has a numeric column {@code name}. */
  public boolean hasNumeric(String name) {
    return numericNames.contains(name);
  }

  /** Whether the chunk has a categorical column {@code name}. */
  public boolean hasCategorical(String name) {
    return categoricalNames.contains(name);
  }

  private int find(String name, int hint, List<String> names, String kind) {
    if (hint >= 0 && hint < names.size() && names.get(hint).equals(name)) {
      return hint;
    }
    int at = names.indexOf(name);
    if (at < 0) {
      throw new IllegalStateException(
          "chunk " + chunkIndex + " has no " + kind + " column '" + name + "'");
    }
    return at;
  }

  private void checkLength(String name, int count) {
    if (count != rows()) {
      throw new IllegalStateException(
          "chunk "
              + chunkIndex
              + " column '"
              + name
              + "' has "
              + count
              + " values for "
              + rows()
              + " rows");
    }
  }

  /** A repeated sfixed32 field, read packed or one at a time. */
  private static final class Bits32 {
    int[] bits = new int[0];
    int count;

    void read(Reader in, int type, String what) throws InvalidProtocolBufferException {
      if (type == 5) {
        if (count == bits.length) {
          bits = Arrays.copyOf(bits, Math.max(16, count * 2));
        }
        bits[count++] = in.fixed32();
        return;
      }
      int end = in.lengthEnd();
      int n = in.packedCount(end, 4, what);
      bits = Arrays.copyOf(bits, count + n);
      ByteBuffer.wrap(in.buf, in.pos, end - in.pos)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .get(bits, count, n);
      count += n;
      in.pos = end;
    }
  }

  /** Protobuf wire reading over a byte range. */
  private static final class Reader {
    final byte[] buf;
    int pos;
    final int end;

    Reader(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    int varint32() throws InvalidProtocolBufferException {
      return (int) varint64();
    }

    long varint64() throws InvalidProtocolBufferException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new InvalidProtocolBufferException("truncated varint");
        }
        byte b = buf[pos++];
        result |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new InvalidProtocolBufferException("malformed varint");
    }

    long fixed64() throws InvalidProtocolBufferException {
      if (end - pos < 8) {
        throw new InvalidProtocolBufferException("truncated fixed64");
      }
      long v = ByteBuffer.wrap(buf, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      pos += 8;
      return v;
    }

    int fixed32() throws InvalidProtocolBufferException {
      if (end - pos < 4) {
        throw new InvalidProtocolBufferException("truncated fixed32");
      }
      int v = ByteBuffer.wrap(buf, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      pos += 4;
      return v;
    }

    /** The end of a length-delimited value whose length comes next. */
    int lengthEnd() throws InvalidProtocolBufferException {
      int length = varint32();
      if (length < 0 || length > end - pos) {
        throw new InvalidProtocolBufferException("truncated length-delimited field");
      }
      return pos + length;
    }

    /** Elements of {@code size} bytes from here to {@code end}; refuses a partial one. */
    int packedCount(int end, int size, String what) throws InvalidProtocolBufferException {
      if ((end - pos) % size != 0) {
        throw new InvalidProtocolBufferException(
            "packed " + what + " of a length not a multiple of " + size);
      }
      return (end - pos) / size;
    }

    void expect(int at) throws InvalidProtocolBufferException {
      if (pos != at) {
        throw new InvalidProtocolBufferException("a packed field overruns its length");
      }
    }

    long scalar(int type) throws InvalidProtocolBufferException {
      return switch (type) {
        case 0 -> varint64();
        case 1 -> fixed64();
        default -> throw new InvalidProtocolBufferException("unexpected wire type " + type);
      };
    }

    Reader sub(int type) throws InvalidProtocolBufferException {
      if (type != 2) {
        throw new InvalidProtocolBufferException("unexpected wire type " + type);
      }
      int e = lengthEnd();
      Reader r = new Reader(buf, pos, e);
      pos = e;
      return r;
    }

    byte[] bytes(int type) throws InvalidProtocolBufferException {
      Reader r = sub(type);
      return Arrays.copyOfRange(buf, r.pos, r.end);
    }

    String string(int type) throws InvalidProtocolBufferException {
      Reader r = sub(type);
      return new String(buf, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
    }

    void skip(int type) throws InvalidProtocolBufferException {
      switch (type) {
        case 0 -> varint64();
        case 1 -> pos += 8;
        case 2 -> pos = lengthEnd();
        case 5 -> pos += 4;
        default -> throw new InvalidProtocolBufferException("unsupported wire type " + type);
      }
      if (pos > end) {
        throw new InvalidProtocolBufferException("truncated field");
      }
    }
  }
}
