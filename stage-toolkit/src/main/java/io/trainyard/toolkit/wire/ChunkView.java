package io.trainyard.toolkit.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.ConsecutiveRowIds;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DoubleValues;
import io.trainyard.contracts.events.v1.FloatValues;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.PackedDecimals;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.RowIdList;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.io.IOException;
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
 * splits, each numeric column as a {@code double[]} (doubles copied in bulk, not value by value;
 * packed decimals divided back into their doubles) or, one that came as floats, as its {@code
 * float[]} ({@link #floats}, widened to doubles only when asked), each categorical column as
 * strings, the labels as indexes into the chunk's label names (decoded on demand). The generated
 * parser builds a growable list per column and calls a method per value; this does neither, which
 * matters in the stages that read every chunk of a data set two or three times.
 *
 * <p>Read with protobuf's own {@link CodedInputStream} over the array, the calls the generated
 * parser makes, so it accepts what that parser accepts and gives the same values (packed or
 * unpacked repeated fields, any field order, unknown fields skipped, later singular values win, a
 * repeated embedded message merged), and it refuses, with the reason, what that parser refuses
 * (truncations, bad lengths and wire types, invalid UTF-8 in a string). It also refuses what the
 * schema's rules forbid (ADR 0008): a field in two of its forms, a label index that names no label
 * name, packed decimals of a width, base, scale or length the form does not allow, a run of row ids
 * of more rows than the chunk has bytes; and groups, which no RowChunk has. A refusal is an {@link
 * IllegalArgumentException} ({@link #unwrap} makes it a {@link PoisonEventException}).
 *
 * <p>Where a chunk passes through a stage unchanged, {@link #rowIdsPayload()}, {@link
 * #splitsPayload()} and {@link #labelsRun()} let a {@link WireWriter} copy those fields as bytes.
 */
public final class ChunkView {

  private static final int VARINT = WireFormat.WIRETYPE_VARINT;
  private static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
  private static final int FIXED32 = WireFormat.WIRETYPE_FIXED32;
  private static final int LENGTH = WireFormat.WIRETYPE_LENGTH_DELIMITED;

  // The tags the generated parser switches on: field number and wire type. A known field with
  // another wire type is an unknown field to it, and so here.
  private static final int EVENT_ID = RowChunk.EVENT_ID_FIELD_NUMBER << 3 | LENGTH;
  private static final int DATASET = RowChunk.DATASET_FIELD_NUMBER << 3 | LENGTH;
  private static final int CHUNK_INDEX = RowChunk.CHUNK_INDEX_FIELD_NUMBER << 3 | VARINT;
  private static final int SPLIT = RowChunk.SPLITS_FIELD_NUMBER << 3 | VARINT;
  private static final int SPLITS = RowChunk.SPLITS_FIELD_NUMBER << 3 | LENGTH;
  private static final int NUMERIC = RowChunk.NUMERIC_FIELD_NUMBER << 3 | LENGTH;
  private static final int CATEGORICAL = RowChunk.CATEGORICAL_FIELD_NUMBER << 3 | LENGTH;
  private static final int LABEL_NAME = RowChunk.LABEL_NAMES_FIELD_NUMBER << 3 | LENGTH;
  private static final int LABEL_INDEX = RowChunk.LABEL_INDEXES_FIELD_NUMBER << 3 | VARINT;
  private static final int LABEL_INDEXES = RowChunk.LABEL_INDEXES_FIELD_NUMBER << 3 | LENGTH;
  private static final int LISTED = RowChunk.LISTED_FIELD_NUMBER << 3 | LENGTH;
  private static final int CONSECUTIVE = RowChunk.CONSECUTIVE_FIELD_NUMBER << 3 | LENGTH;
  private static final int LISTED_ID = RowIdList.IDS_FIELD_NUMBER << 3 | VARINT;
  private static final int LISTED_IDS = RowIdList.IDS_FIELD_NUMBER << 3 | LENGTH;
  private static final int FIRST_ID = ConsecutiveRowIds.FIRST_FIELD_NUMBER << 3 | VARINT;
  private static final int ID_COUNT = ConsecutiveRowIds.COUNT_FIELD_NUMBER << 3 | VARINT;
  private static final int COLUMN_NAME = NumericColumn.NAME_FIELD_NUMBER << 3 | LENGTH;
  private static final int DOUBLES = NumericColumn.DOUBLES_FIELD_NUMBER << 3 | LENGTH;
  private static final int FLOATS = NumericColumn.FLOATS_FIELD_NUMBER << 3 | LENGTH;
  private static final int PACKED = NumericColumn.PACKED_FIELD_NUMBER << 3 | LENGTH;
  private static final int DOUBLE = DoubleValues.VALUES_FIELD_NUMBER << 3 | FIXED64;
  private static final int DOUBLES_PACKED = DoubleValues.VALUES_FIELD_NUMBER << 3 | LENGTH;
  private static final int FLOAT = FloatValues.VALUES_FIELD_NUMBER << 3 | FIXED32;
  private static final int FLOATS_PACKED = FloatValues.VALUES_FIELD_NUMBER << 3 | LENGTH;
  private static final int SCALE = PackedDecimals.SCALE_FIELD_NUMBER << 3 | VARINT;
  private static final int WIDTH = PackedDecimals.WIDTH_FIELD_NUMBER << 3 | VARINT;
  private static final int BASE = PackedDecimals.BASE_FIELD_NUMBER << 3 | VARINT;
  private static final int PACKED_BYTES = PackedDecimals.PACKED_FIELD_NUMBER << 3 | LENGTH;
  private static final int CATEGORY_NAME = StringColumn.NAME_FIELD_NUMBER << 3 | LENGTH;
  private static final int CATEGORY_VALUE = StringColumn.VALUES_FIELD_NUMBER << 3 | LENGTH;

  private String eventId = "";

  /** The data set as read (a repeated one merged into it), then as built. */
  private DatasetRef.Builder datasetRead;

  private DatasetRef dataset;
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

  /** Each label name's UTF-8 bytes in {@link #bytes}: start and length; decoded on demand. */
  private int[] labelNameAt = new int[0];

  private int labelNameCount;
  private String[] labelNames;

  /** Per row the index of its label among the names. */
  private int[] labelIndex = new int[0];

  private int labelIndexCount;
  private String[] labels;

  /** Which form of the row ids the chunk carries: 0 (none yet), LISTED or CONSECUTIVE. */
  private int rowIdForm;

  /**
   * The single packed ids field's payload of the single listed row ids, as [from, to) of bytes; -1
   * if not so.
   */
  private int rowIdsFrom = -1;

  private int rowIdsTo = -1;
  private int rowIdFields;
  private int listedFields;
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

  /** The ids as a run of consecutive ids: the first and how many. */
  private long firstRowId;

  private long rowRange;

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
      v.read(CodedInputStream.newInstance(bytes, from, to - from));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid RowChunk: " + e.getMessage(), e);
    }
    v.checkRowRange();
    v.rowIds = Arrays.copyOf(v.rowIds, v.rowIdCount);
    v.splits = Arrays.copyOf(v.splits, v.splitCount);
    v.labelIndex = Arrays.copyOf(v.labelIndex, v.labelIndexCount);
    v.checkLabels();
    v.dataset = v.datasetRead == null ? DatasetRef.getDefaultInstance() : v.datasetRead.build();
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

  /** Where the stream is, in {@link #bytes}. */
  private int at(CodedInputStream in) {
    return from + in.getTotalBytesRead();
  }

  private void read(CodedInputStream in) throws IOException {
    while (true) {
      int fieldStart = at(in);
      int tag = in.readTag();
      if (tag == 0) {
        return;
      }
      int field = WireFormat.getTagFieldNumber(tag);
      boolean labelField =
          field == RowChunk.LABEL_NAMES_FIELD_NUMBER
              || field == RowChunk.LABEL_INDEXES_FIELD_NUMBER;
      if (!labelField && labelsFrom >= 0) {
        afterLabels = true;
      } else if (labelField && afterLabels) {
        labelsContiguous = false; // something between the label fields
      }
      if (labelField && labelsFrom < 0) {
        labelsFrom = fieldStart;
      }
      switch (tag) {
        case EVENT_ID -> eventId = in.readStringRequireUtf8();
        case DATASET -> {
          if (datasetRead == null) {
            datasetRead = DatasetRef.newBuilder();
          }
          in.readMessage(datasetRead, ExtensionRegistryLite.getEmptyRegistry());
        }
        case CHUNK_INDEX -> chunkIndex = in.readInt64();
        case SPLIT -> {
          splitFields += 2; // unpacked: no single payload to copy
          addSplit(in.readEnum());
        }
        case SPLITS -> {
          splitFields++;
          int limit = in.pushLimit(in.readRawVarint32());
          splitsFrom = at(in);
          readSplits(in);
          splitsTo = at(in);
          in.popLimit(limit);
        }
        case NUMERIC -> {
          int limit = in.pushLimit(in.readRawVarint32());
          readNumeric(in);
          in.popLimit(limit);
        }
        case CATEGORICAL -> {
          int limit = in.pushLimit(in.readRawVarint32());
          readCategorical(in);
          in.popLimit(limit);
        }
        case LABEL_NAME -> {
          int length = in.readRawVarint32();
          int at = at(in);
          in.skipRawBytes(length);
          // Refused as readStringRequireUtf8 would (the same check, on the bytes where they are);
          // decoded only when asked for.
          if (!UnsafeByteOperations.unsafeWrap(bytes, at, length).isValidUtf8()) {
            throw new InvalidProtocolBufferException("a label name is not valid UTF-8");
          }
          addLabelName(at, length);
        }
        case LABEL_INDEX -> addLabelIndex(in.readInt32());
        case LABEL_INDEXES -> {
          int limit = in.pushLimit(in.readRawVarint32());
          readLabelIndexes(in);
          in.popLimit(limit);
        }
        case LISTED -> {
          rowIdForm(LISTED);
          listedFields++;
          int limit = in.pushLimit(in.readRawVarint32());
          readListed(in);
          in.popLimit(limit);
        }
        case CONSECUTIVE -> {
          rowIdForm(CONSECUTIVE);
          int limit = in.pushLimit(in.readRawVarint32());
          readConsecutive(in);
          in.popLimit(limit);
        }
        default -> skip(in, tag);
      }
      if (labelField) {
        labelsTo = at(in);
      }
    }
  }

  // The packed fields of one element a row, each read in a small method of its own: the loops that
  // run once a row stay out of the large field switch around them.

  /** A packed ids field's elements, up to the limit pushed for it. */
  private void readRowIds(CodedInputStream in) throws IOException {
    while (in.getBytesUntilLimit() > 0) {
      addRowId(in.readInt64());
    }
  }

  /** A packed splits field's elements, up to the limit pushed for it. */
  private void readSplits(CodedInputStream in) throws IOException {
    while (in.getBytesUntilLimit() > 0) {
      addSplit(in.readEnum());
    }
  }

  /** A packed label indexes field's elements, up to the limit pushed for it. */
  private void readLabelIndexes(CodedInputStream in) throws IOException {
    while (in.getBytesUntilLimit() > 0) {
      addLabelIndex(in.readInt32());
    }
  }

  /** An unknown field, skipped as the generated parser does; a group refused. */
  private static void skip(CodedInputStream in, int tag) throws IOException {
    int type = WireFormat.getTagWireType(tag);
    if (type == WireFormat.WIRETYPE_START_GROUP || type == WireFormat.WIRETYPE_END_GROUP) {
      throw new InvalidProtocolBufferException(
          "field " + WireFormat.getTagFieldNumber(tag) + " is a group, which no RowChunk has");
    }
    in.skipField(tag);
  }

  /** The row ids come in {@code form}: refused when they came in the other one before. */
  private void rowIdForm(int form) throws InvalidProtocolBufferException {
    if (rowIdForm != 0 && rowIdForm != form) {
      throw new InvalidProtocolBufferException(
          "row ids both listed and as a run of consecutive ids");
    }
    rowIdForm = form;
  }

  private void readListed(CodedInputStream in) throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case LISTED_ID -> {
          rowIdFields += 2; // unpacked: no single payload to copy
          addRowId(in.readInt64());
        }
        case LISTED_IDS -> {
          rowIdFields++;
          int limit = in.pushLimit(in.readRawVarint32());
          rowIdsFrom = at(in);
          readRowIds(in);
          rowIdsTo = at(in);
          in.popLimit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  private void readConsecutive(CodedInputStream in) throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case FIRST_ID -> firstRowId = in.readInt64();
        case ID_COUNT -> rowRange = in.readInt64();
        default -> skip(in, tag);
      }
    }
  }

  /** A numeric column's fields; a form that comes again is merged, as the generated parser does. */
  private void readNumeric(CodedInputStream in) throws IOException {
    String name = "";
    int forms = 0;
    double[] values = new double[0];
    int count = 0;
    float[] floatValues = new float[0];
    int floatCount = 0;
    int packedFrom = -1;
    int packedTo = -1;
    int scale = 0;
    int width = 0;
    int base = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case COLUMN_NAME -> name = in.readStringRequireUtf8();
        case DOUBLES -> {
          forms |= 1;
          int limit = in.pushLimit(in.readRawVarint32());
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (t == DOUBLES_PACKED) {
              // Packed doubles copied in bulk, as the doubles they are.
              int length = in.readRawVarint32();
              int at = at(in);
              in.skipRawBytes(length);
              int n = elements(length, 8, "doubles");
              if (count + n > values.length) {
                values = Arrays.copyOf(values, count + n);
              }
              ByteBuffer.wrap(bytes, at, length)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .asDoubleBuffer()
                  .get(values, count, n);
              count += n;
            } else if (t == DOUBLE) {
              if (count == values.length) {
                values = Arrays.copyOf(values, Math.max(16, count * 2));
              }
              values[count++] = in.readDouble();
            } else {
              skip(in, t);
            }
          }
          in.popLimit(limit);
        }
        case FLOATS -> {
          forms |= 2;
          int limit = in.pushLimit(in.readRawVarint32());
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (t == FLOATS_PACKED) {
              // Packed floats copied in bulk, as the floats they are (no int bits in between).
              int length = in.readRawVarint32();
              int at = at(in);
              in.skipRawBytes(length);
              int n = elements(length, 4, "floats");
              if (floatCount + n > floatValues.length) {
                floatValues = Arrays.copyOf(floatValues, floatCount + n);
              }
              ByteBuffer.wrap(bytes, at, length)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .asFloatBuffer()
                  .get(floatValues, floatCount, n);
              floatCount += n;
            } else if (t == FLOAT) {
              if (floatCount == floatValues.length) {
                floatValues = Arrays.copyOf(floatValues, Math.max(16, floatCount * 2));
              }
              floatValues[floatCount++] = in.readFloat();
            } else {
              skip(in, t);
            }
          }
          in.popLimit(limit);
        }
        case PACKED -> {
          forms |= 4;
          int limit = in.pushLimit(in.readRawVarint32());
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (t) {
              case SCALE -> scale = in.readInt32();
              case WIDTH -> width = in.readInt32();
              case BASE -> base = in.readSInt32();
              case PACKED_BYTES -> {
                int length = in.readRawVarint32();
                packedFrom = at(in);
                in.skipRawBytes(length);
                packedTo = packedFrom + length;
              }
              default -> skip(in, t);
            }
          }
          in.popLimit(limit);
        }
        default -> skip(in, tag);
      }
    }
    if (Integer.bitCount(forms) > 1) {
      throw new InvalidProtocolBufferException(
          "numeric column " + name + " carries its numbers in more than one form");
    }
    numericNames.add(name);
    if (forms == 4) {
      int packedBytes = packedFrom < 0 ? 0 : packedTo - packedFrom;
      if (!Decimals.validPacking(width, base) || packedBytes % width != 0) {
        throw new InvalidProtocolBufferException(
            "numeric column " + name + " is packed in width " + width + " over " + base);
      }
      if (!Decimals.validScale(scale)) {
        throw new InvalidProtocolBufferException(
            "numeric column " + name + " has scale " + scale + ", not 0.." + Decimals.MAX_SCALE);
      }
      double[] unpacked = new double[packedBytes / width];
      Decimals.unpack(bytes, packedFrom, unpacked.length, width, base, scale, unpacked, 0);
      numeric.add(unpacked);
      floats.add(null);
    } else if (forms == 2) {
      // Kept as the floats they are: a reader that wants floats (labeling's features) takes them
      // as they are, one that wants doubles has them widened once.
      numeric.add(null);
      floats.add(
          floatCount == floatValues.length ? floatValues : Arrays.copyOf(floatValues, floatCount));
    } else {
      numeric.add(count == values.length ? values : Arrays.copyOf(values, count));
      floats.add(null);
    }
  }

  /** Elements of {@code size} bytes in {@code length} bytes; refuses a partial one. */
  private static int elements(int length, int size, String what)
      throws InvalidProtocolBufferException {
    if (length % size != 0) {
      throw new InvalidProtocolBufferException(
          "packed " + what + " of a length not a multiple of " + size);
    }
    return length / size;
  }

  private void readCategorical(CodedInputStream in) throws IOException {
    String name = "";
    List<String> values = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case CATEGORY_NAME -> name = in.readStringRequireUtf8();
        case CATEGORY_VALUE -> values.add(in.readStringRequireUtf8());
        default -> skip(in, tag);
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

  private void addLabelIndex(int index) {
    if (labelIndexCount == labelIndex.length) {
      labelIndex = Arrays.copyOf(labelIndex, Math.max(64, labelIndexCount * 2));
    }
    labelIndex[labelIndexCount++] = index;
  }

  /** A run of consecutive ids spelled out, if the chunk carries its ids so. */
  private void checkRowRange() {
    if (rowIdForm != CONSECUTIVE) {
      return;
    }
    if (rowRange < 0) {
      throw new IllegalArgumentException("not a valid RowChunk: a negative row count " + rowRange);
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
   * The row ids as a run of consecutive ids, {first id, count}, when the chunk carries them so;
   * else null.
   */
  public long[] rowIdRun() {
    return rowIdForm == CONSECUTIVE ? new long[] {firstRowId, rowRange} : null;
  }

  /** Every label index naming one of the names. */
  private void checkLabels() {
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

  /** The chunk's label names, decoded on first use; shared, do not modify. */
  public String[] labelNames() {
    if (labelNames == null) {
      String[] names = new String[labelNameCount];
      for (int k = 0; k < labelNameCount; k++) {
        names[k] =
            new String(bytes, labelNameAt[2 * k], labelNameAt[2 * k + 1], StandardCharsets.UTF_8);
      }
      labelNames = names;
    }
    return labelNames;
  }

  /**
   * Per label, the index of its name in {@link #labelNames()}, as the chunk carries it; shared, do
   * not modify.
   */
  public int[] labelIndexes() {
    return labelIndex;
  }

  /** Labels (empty when the data set has none), decoded on first use; shared, do not modify. */
  public String[] labels() {
    if (labels == null) {
      String[] names = labelNames();
      String[] out = new String[labelIndexCount];
      for (int i = 0; i < labelIndexCount; i++) {
        out[i] = names[labelIndex[i]];
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
    return labelIndexCount;
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

  /**
   * [from, to) in {@link #bytes()} of the packed ids of the listed row ids, when they are one
   * packed field in one RowIdList; or null.
   */
  public int[] rowIdsPayload() {
    return listedFields == 1 && rowIdFields == 1 && rowIdsFrom >= 0
        ? new int[] {rowIdsFrom, rowIdsTo}
        : null;
  }

  /** [from, to) of the single packed splits payload in {@link #bytes()}, or null. */
  public int[] splitsPayload() {
    return splitFields == 1 && splitsFrom >= 0 ? new int[] {splitsFrom, splitsTo} : null;
  }

  /**
   * [from, to) of all label fields (the names and the indexes), tags included, in {@link #bytes()},
   * when they are one run; or null.
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

  /** Column {@code i}'s numbers as the floats it came as, or null when it came in another form. */
  public float[] floats(int i) {
    return floats.get(i);
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
   * The values of the numeric column {@code name} as the floats the chunk carries them in, or null
   * when it carries them in another form; shared, do not modify.
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
}
