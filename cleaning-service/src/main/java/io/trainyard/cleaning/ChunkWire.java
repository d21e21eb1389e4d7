package io.trainyard.cleaning;

import static io.trainyard.toolkit.wire.WireWriter.bytesSize;
import static io.trainyard.toolkit.wire.WireWriter.int32SizeNoTag;
import static io.trainyard.toolkit.wire.WireWriter.int64Size;
import static io.trainyard.toolkit.wire.WireWriter.int64SizeNoTag;
import static io.trainyard.toolkit.wire.WireWriter.messageSize;

import io.trainyard.contracts.events.v1.ConsecutiveRowIds;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.FloatValues;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.RowIdList;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.toolkit.wire.ChunkView;
import io.trainyard.toolkit.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link RowChunk} straight in protobuf wire format from primitive arrays (with a {@link
 * WireWriter}): the bytes the generated serializer gives for the same message (fields in number
 * order, packed row ids, splits and numbers, proto3 defaults left out), with each numeric column
 * written in one bulk copy rather than a method call per value. Cleaned numbers go as floats (the
 * NumericColumn's {@code floats}, which the cleaner computes them as): labeling turns them into
 * float32 batches, which come out the same, and the cleaned topic holds half the bytes (ADR 0005).
 * Labels go as the raw chunk's names and per row an index; row ids as the raw chunk's run, or
 * listed where rows were dropped (ADR 0008). The counterpart of {@link ChunkView}.
 */
final class ChunkWire {

  private ChunkWire() {}

  /**
   * A chunk of {@code rows} rows. {@code same}, when not null, is the raw chunk whose rows all pass
   * through unchanged: its row ids (a run of consecutive ids, or the listed ones), splits and
   * labels are taken from it, copied as bytes where they are one run of bytes there (the arrays are
   * then not read, and its labels are never decoded). Without it, the row ids are listed and {@code
   * labelIndexes} (one a row, or none) index {@code labelNames}.
   */
  static byte[] encode(
      String eventId,
      DatasetRef dataset,
      long chunkIndex,
      long[] rowIds,
      int[] splits,
      List<String> numericNames,
      float[][] numeric,
      List<String> categoricalNames,
      String[][] categorical,
      String[] labelNames,
      int[] labelIndexes,
      int rows,
      ChunkView same) {
    byte[] id = utf8(eventId);
    byte[] ref = dataset.toByteArray();
    long[] idRun = same == null ? null : same.rowIdRun();
    int[] rawIds = same == null || idRun != null ? null : same.rowIdsPayload();
    int[] rawSplits = same == null ? null : same.splitsPayload();
    int[] rawLabels = same == null ? null : same.labelsRun();
    if (same != null) {
      rowIds = same.rowIds();
      splits = same.splits();
      if (rawLabels == null) {
        labelNames = same.labelNames();
        labelIndexes = same.labelIndexes();
      }
    }
    long splitBytes = 0;
    if (rawSplits != null) {
      splitBytes = rawSplits[1] - rawSplits[0];
    } else {
      for (int r = 0; r < rows; r++) {
        splitBytes += int32SizeNoTag(splits[r]);
      }
    }
    long idsSize;
    long idBytes = 0;
    if (idRun != null) {
      idsSize =
          int64Size(ConsecutiveRowIds.FIRST_FIELD_NUMBER, idRun[0])
              + int64Size(ConsecutiveRowIds.COUNT_FIELD_NUMBER, idRun[1]);
    } else {
      if (rawIds != null) {
        idBytes = rawIds[1] - rawIds[0];
      } else {
        for (int r = 0; r < rows; r++) {
          idBytes += int64SizeNoTag(rowIds[r]);
        }
      }
      idsSize = bytesSize(RowIdList.IDS_FIELD_NUMBER, idBytes);
    }
    long size =
        bytesSize(RowChunk.EVENT_ID_FIELD_NUMBER, id.length)
            + messageSize(RowChunk.DATASET_FIELD_NUMBER, ref.length)
            + int64Size(RowChunk.CHUNK_INDEX_FIELD_NUMBER, chunkIndex)
            + bytesSize(RowChunk.SPLITS_FIELD_NUMBER, splitBytes)
            + messageSize(
                idRun != null ? RowChunk.CONSECUTIVE_FIELD_NUMBER : RowChunk.LISTED_FIELD_NUMBER,
                idsSize);
    long floatsSize = bytesSize(FloatValues.VALUES_FIELD_NUMBER, 4L * rows);
    byte[][] numericName = new byte[numeric.length][];
    long[] numericSize = new long[numeric.length];
    for (int c = 0; c < numeric.length; c++) {
      numericName[c] = utf8(numericNames.get(c));
      numericSize[c] =
          bytesSize(NumericColumn.NAME_FIELD_NUMBER, numericName[c].length)
              + messageSize(NumericColumn.FLOATS_FIELD_NUMBER, floatsSize);
      size += messageSize(RowChunk.NUMERIC_FIELD_NUMBER, numericSize[c]);
    }
    byte[][] categoricalName = new byte[categorical.length][];
    byte[][][] categoricalValue = new byte[categorical.length][][];
    long[] categoricalSize = new long[categorical.length];
    for (int c = 0; c < categorical.length; c++) {
      categoricalName[c] = utf8(categoricalNames.get(c));
      long s = bytesSize(StringColumn.NAME_FIELD_NUMBER, categoricalName[c].length);
      byte[][] values = new byte[rows][];
      for (int r = 0; r < rows; r++) {
        values[r] = utf8(categorical[c][r]);
        s += messageSize(StringColumn.VALUES_FIELD_NUMBER, values[r].length);
      }
      categoricalValue[c] = values;
      categoricalSize[c] = s;
      size += messageSize(RowChunk.CATEGORICAL_FIELD_NUMBER, s);
    }
    byte[][] labelName = new byte[rawLabels != null ? 0 : labelNames.length][];
    long labelIndexBytes = 0;
    if (rawLabels != null) {
      size += rawLabels[1] - rawLabels[0];
    } else {
      for (int k = 0; k < labelName.length; k++) {
        labelName[k] = utf8(labelNames[k]);
        size += messageSize(RowChunk.LABEL_NAMES_FIELD_NUMBER, labelName[k].length);
      }
      for (int index : labelIndexes) {
        labelIndexBytes += int32SizeNoTag(index);
      }
      size += bytesSize(RowChunk.LABEL_INDEXES_FIELD_NUMBER, labelIndexBytes);
    }

    WireWriter out = new WireWriter(size);
    out.bytes(RowChunk.EVENT_ID_FIELD_NUMBER, id);
    out.element(RowChunk.DATASET_FIELD_NUMBER, ref);
    out.int64(RowChunk.CHUNK_INDEX_FIELD_NUMBER, chunkIndex);
    if (splitBytes > 0) {
      out.lengthDelimited(RowChunk.SPLITS_FIELD_NUMBER, splitBytes);
    }
    if (rawSplits != null) {
      out.copy(same.bytes(), rawSplits[0], rawSplits[1]);
    } else {
      for (int r = 0; r < rows; r++) {
        out.int32NoTag(splits[r]);
      }
    }
    for (int c = 0; c < numeric.length; c++) {
      out.lengthDelimited(RowChunk.NUMERIC_FIELD_NUMBER, numericSize[c]);
      out.bytes(NumericColumn.NAME_FIELD_NUMBER, numericName[c]);
      out.lengthDelimited(NumericColumn.FLOATS_FIELD_NUMBER, floatsSize);
      if (rows > 0) {
        out.lengthDelimited(FloatValues.VALUES_FIELD_NUMBER, 4L * rows);
        out.floats(numeric[c], rows);
      }
    }
    for (int c = 0; c < categorical.length; c++) {
      out.lengthDelimited(RowChunk.CATEGORICAL_FIELD_NUMBER, categoricalSize[c]);
      out.bytes(StringColumn.NAME_FIELD_NUMBER, categoricalName[c]);
      for (byte[] v : categoricalValue[c]) {
        out.element(StringColumn.VALUES_FIELD_NUMBER, v);
      }
    }
    if (rawLabels != null) {
      out.copy(same.bytes(), rawLabels[0], rawLabels[1]);
    } else {
      for (byte[] name : labelName) {
        out.element(RowChunk.LABEL_NAMES_FIELD_NUMBER, name);
      }
      if (labelIndexBytes > 0) {
        out.lengthDelimited(RowChunk.LABEL_INDEXES_FIELD_NUMBER, labelIndexBytes);
        for (int index : labelIndexes) {
          out.int32NoTag(index);
        }
      }
    }
    if (idRun != null) {
      out.lengthDelimited(RowChunk.CONSECUTIVE_FIELD_NUMBER, idsSize);
      out.int64(ConsecutiveRowIds.FIRST_FIELD_NUMBER, idRun[0]);
      out.int64(ConsecutiveRowIds.COUNT_FIELD_NUMBER, idRun[1]);
    } else {
      out.lengthDelimited(RowChunk.LISTED_FIELD_NUMBER, idsSize);
      if (idBytes > 0) {
        out.lengthDelimited(RowIdList.IDS_FIELD_NUMBER, idBytes);
      }
      if (rawIds != null) {
        out.copy(same.bytes(), rawIds[0], rawIds[1]);
      } else {
        for (int r = 0; r < rows; r++) {
          out.int64NoTag(rowIds[r]);
        }
      }
    }
    return out.finish();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
