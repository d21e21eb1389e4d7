package io.trainyard.cleaning;

import static io.trainyard.toolkit.wire.WireWriter.elementSize;
import static io.trainyard.toolkit.wire.WireWriter.fieldSize;
import static io.trainyard.toolkit.wire.WireWriter.scalarSize;
import static io.trainyard.toolkit.wire.WireWriter.varint32Size;
import static io.trainyard.toolkit.wire.WireWriter.varintSize;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.RowChunk;
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
 * The counterpart of {@link ChunkView}.
 */
final class ChunkWire {

  private ChunkWire() {}

  /**
   * A chunk of {@code rows} rows. {@code same}, when not null, is the raw chunk whose rows all pass
   * through unchanged: its row ids (a run of consecutive ids, or the listed ones), splits and
   * labels are copied as bytes rather than encoded again (the arrays are then not read, and its
   * labels are never decoded).
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
      String[] labels,
      int rows,
      ChunkView same) {
    byte[] id = utf8(eventId);
    byte[] ref = dataset.toByteArray();
    long[] idRun = same == null ? null : same.rowIdRun();
    int[] rawIds = same == null || idRun != null ? null : same.rowIdsPayload();
    int[] rawSplits = same == null ? null : same.splitsPayload();
    int[] rawLabels = same == null ? null : same.labelsRun();
    if (same != null && rawLabels == null && same.labelCount() > 0) {
      labels = same.labels();
    }
    long rowIdBytes = 0;
    long splitBytes = 0;
    if (idRun != null) {
      rowIdBytes = 0; // the run goes at the end, as fields 11 and 12
    } else if (rawIds != null) {
      rowIdBytes = rawIds[1] - rawIds[0];
    } else {
      for (int r = 0; r < rows; r++) {
        rowIdBytes += varintSize(rowIds[r]);
      }
    }
    if (rawSplits != null) {
      splitBytes = rawSplits[1] - rawSplits[0];
    } else {
      for (int r = 0; r < rows; r++) {
        splitBytes += varint32Size(splits[r]);
      }
    }
    long size =
        fieldSize(1, id.length)
            + fieldSize(2, ref.length)
            + scalarSize(3, chunkIndex)
            + fieldSize(4, rowIdBytes)
            + fieldSize(5, splitBytes);
    byte[][] numericName = new byte[numeric.length][];
    long[] numericSize = new long[numeric.length];
    for (int c = 0; c < numeric.length; c++) {
      numericName[c] = utf8(numericNames.get(c));
      numericSize[c] = fieldSize(1, numericName[c].length) + fieldSize(5, 4L * rows);
      size += fieldSize(6, numericSize[c]);
    }
    byte[][] categoricalName = new byte[categorical.length][];
    byte[][][] categoricalValue = new byte[categorical.length][][];
    long[] categoricalSize = new long[categorical.length];
    for (int c = 0; c < categorical.length; c++) {
      categoricalName[c] = utf8(categoricalNames.get(c));
      long s = fieldSize(1, categoricalName[c].length);
      byte[][] values = new byte[rows][];
      for (int r = 0; r < rows; r++) {
        values[r] = utf8(categorical[c][r]);
        s += elementSize(2, values[r].length);
      }
      categoricalValue[c] = values;
      categoricalSize[c] = s;
      size += fieldSize(7, s);
    }
    byte[][] label = new byte[rawLabels != null || labels.length == 0 ? 0 : rows][];
    for (int r = 0; r < label.length; r++) {
      label[r] = utf8(labels[r]);
      size += elementSize(8, label[r].length);
    }
    if (rawLabels != null) {
      size += rawLabels[1] - rawLabels[0];
    }
    if (idRun != null) {
      size += scalarSize(11, idRun[0]) + scalarSize(12, idRun[1]);
    }

    WireWriter out = new WireWriter(size);
    out.bytesField(1, id);
    out.bytesField(2, ref);
    out.scalarField(3, chunkIndex);
    if (rowIdBytes > 0) {
      out.lengthDelimited(4, rowIdBytes);
    }
    if (rawIds != null) {
      out.copy(same.bytes(), rawIds[0], rawIds[1]);
    } else if (idRun == null) {
      for (int r = 0; r < rows; r++) {
        out.varint(rowIds[r]);
      }
    }
    out.lengthDelimited(5, splitBytes);
    if (rawSplits != null) {
      out.copy(same.bytes(), rawSplits[0], rawSplits[1]);
    } else {
      for (int r = 0; r < rows; r++) {
        out.varint(splits[r]);
      }
    }
    for (int c = 0; c < numeric.length; c++) {
      out.lengthDelimited(6, numericSize[c]);
      out.bytesField(1, numericName[c]);
      if (rows > 0) {
        out.lengthDelimited(5, 4L * rows);
        out.floats(numeric[c], rows);
      }
    }
    for (int c = 0; c < categorical.length; c++) {
      out.lengthDelimited(7, categoricalSize[c]);
      out.bytesField(1, categoricalName[c]);
      for (byte[] v : categoricalValue[c]) {
        out.element(2, v);
      }
    }
    for (byte[] l : label) {
      out.element(8, l);
    }
    if (rawLabels != null) {
      out.copy(same.bytes(), rawLabels[0], rawLabels[1]);
    }
    if (idRun != null) {
      out.scalarField(11, idRun[0]);
      out.scalarField(12, idRun[1]);
    }
    return out.finish();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
