package io.trainyard.ingest;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The second pass over an upload that the first pass accepted: re-reads the CSV and cuts it into
 * {@link RowChunk}s of {@code chunkRows} rows, in file order, row ids 1..n. Numeric columns travel
 * as {@link NumericColumn} with NaN for missing (and for the non-numeric cells the allowance read
 * as missing), categorical ones as {@link StringColumn} with "" for missing, labels as text (""
 * when missing). Strings are the canonical instances of the first pass's dictionaries, so this pass
 * makes no String per cell.
 */
public final class ChunkWriter {

  private final Scan scan;
  private final DatasetRef ref;
  private final Splitter.Assignment assignment;
  private final int chunkRows;
  private final int[] numericColumns;
  private final int[] categoricalColumns;

  public ChunkWriter(Scan scan, DatasetRef ref, Splitter.Assignment assignment, int chunkRows) {
    this.scan = scan;
    this.ref = ref;
    this.assignment = assignment;
    this.chunkRows = chunkRows;
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
    numericColumns = new int[numeric];
    categoricalColumns = new int[categorical];
    numeric = 0;
    categorical = 0;
    for (int i = 0; i < width; i++) {
      if (scan.kind(i) == ColumnKind.NUMERIC) {
        numericColumns[numeric++] = i;
      } else if (scan.kind(i) == ColumnKind.CATEGORICAL) {
        categoricalColumns[categorical++] = i;
      }
    }
  }

  /** The event id of a chunk: stable, so a re-sent chunk is recognised downstream. */
  public static String chunkEventId(DatasetRef ref, long index) {
    return ref.getDatasetId() + "/v" + ref.getVersion() + "/chunk/" + index;
  }

  /** Chunks a data set of {@code rows} rows makes. */
  public long chunkCount() {
    return (scan.rows() + (long) chunkRows - 1) / chunkRows;
  }

  /**
   * Reads {@code csv} (the file the scan accepted) and hands each chunk to {@code sink}.
   *
   * @return chunks written
   */
  public long write(Path csv, Consumer<RowChunk> sink) throws IOException {
    try (CsvReader reader = CsvReader.open(csv)) {
      return write(reader, sink);
    }
  }

  /** As {@link #write(Path, Consumer)}, from a reader positioned before the header. */
  public long write(CsvReader reader, Consumer<RowChunk> sink) throws IOException {
    int width = scan.header().size();
    int labelIndex = scan.labelIndex();
    ValueDictionary labels = labelIndex >= 0 ? scan.dictionary(labelIndex) : null;
    double[][] numbers = new double[numericColumns.length][chunkRows];
    String[][] strings = new String[categoricalColumns.length][chunkRows];
    String[] rowLabels = new String[chunkRows];
    if (!reader.next()) {
      throw new IllegalStateException("the file changed between the two passes: no header");
    }
    long rowId = 0;
    int fill = 0;
    long chunks = 0;
    while (reader.next()) {
      if (reader.fieldCount() != width) {
        throw new IllegalStateException(
            "the file changed between the two passes at line " + reader.line());
      }
      rowId++;
      char[] text = reader.chars();
      for (int c = 0; c < numericColumns.length; c++) {
        int i = numericColumns[c];
        int from = Cells.trimStart(text, reader.start(i), reader.end(i));
        int to = Cells.trimEnd(text, from, reader.end(i));
        numbers[c][fill] =
            Cells.isMissing(text, from, to) ? Double.NaN : Cells.parseNumber(text, from, to);
      }
      for (int c = 0; c < categoricalColumns.length; c++) {
        int i = categoricalColumns[c];
        strings[c][fill] = canonical(scan.dictionary(i), text, reader.start(i), reader.end(i));
      }
      if (labels != null) {
        rowLabels[fill] = canonical(labels, text, reader.start(labelIndex), reader.end(labelIndex));
      }
      fill++;
      if (fill == chunkRows) {
        sink.accept(chunk(chunks++, rowId - fill + 1, fill, numbers, strings, rowLabels));
        fill = 0;
      }
    }
    if (fill > 0) {
      sink.accept(chunk(chunks++, rowId - fill + 1, fill, numbers, strings, rowLabels));
    }
    if (rowId != scan.rows()) {
      throw new IllegalStateException(
          "the file changed between the two passes: " + rowId + " rows, then " + scan.rows());
    }
    return chunks;
  }

  private static String canonical(ValueDictionary dictionary, char[] text, int start, int end) {
    int from = Cells.trimStart(text, start, end);
    int to = Cells.trimEnd(text, from, end);
    if (Cells.isMissing(text, from, to)) {
      return "";
    }
    int id = dictionary.find(text, from, to);
    if (id < 0) {
      throw new IllegalStateException("the file changed between the two passes");
    }
    return dictionary.value(id);
  }

  private RowChunk chunk(
      long index,
      long firstRowId,
      int rows,
      double[][] numbers,
      String[][] strings,
      String[] rowLabels) {
    RowChunk.Builder b =
        RowChunk.newBuilder()
            .setEventId(chunkEventId(ref, index))
            .setDataset(ref)
            .setChunkIndex(index);
    for (int r = 0; r < rows; r++) {
      long rowId = firstRowId + r;
      b.addRowIds(rowId);
      b.addSplitsValue(assignment.splits()[(int) (rowId - 1)]);
    }
    for (int c = 0; c < numericColumns.length; c++) {
      NumericColumn.Builder col =
          NumericColumn.newBuilder().setName(scan.header().get(numericColumns[c]));
      double[] values = numbers[c];
      for (int r = 0; r < rows; r++) {
        col.addValues(values[r]);
      }
      b.addNumeric(col);
    }
    for (int c = 0; c < categoricalColumns.length; c++) {
      StringColumn.Builder col =
          StringColumn.newBuilder().setName(scan.header().get(categoricalColumns[c]));
      String[] values = strings[c];
      for (int r = 0; r < rows; r++) {
        col.addValues(values[r]);
      }
      b.addCategorical(col);
    }
    if (scan.labelIndex() >= 0) {
      for (int r = 0; r < rows; r++) {
        b.addLabels(rowLabels[r]);
      }
    }
    return b.build();
  }
}
