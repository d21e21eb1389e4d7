package io.trainyard.ingest.scan;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass has learned so far, whichever way it reads the rows: the header and its
 * checks, per column the counters and distinct values, per row its label, and the spool. {@link
 * DatasetScanner} adds the rows one at a time ({@link #checkRow}, {@link #label}, {@link #cell},
 * {@link #endRow}); {@link ParallelScan} adds parsed blocks in file order ({@link #addBlock}),
 * which gives the same state and the same refusal at the same line. {@link #finish()} infers the
 * schema.
 */
final class ScanState {

  /** Per-column counters of the first pass. */
  private static final class ColumnStats {
    long numbers;
    long texts;
    long missing;
    ValueDictionary distinct;
    long overflowLine;
    long invalidLine;
    String invalidValue;
  }

  private final int maxCategories;
  private final long headerLine;
  private final List<String> header;
  private final int width;
  private final String label;
  private final int labelIndex;
  private final PipelineSpec.Rule rule;
  private final int ruleIndex;

  /** Per file column (null for the label column). */
  private final ColumnStats[] stats;

  private final ValueDictionary labels;
  private int[] rowLabels;
  private final long allowance;
  private int rows;
  private long unlabeled;

  /** Spool column of each file column (the label column, not spooled, is -1). */
  private final int[] spooled;

  /** File column of each spool column. */
  private final int[] fileColumn;

  private final ChunkSpool spool;

  /** Reads and checks the header, the record {@code reader} is on, and starts the spool. */
  ScanState(CsvReader reader, PipelineSpec spec, ChunkSpool spool, int maxCategories) {
    this.maxCategories = maxCategories;
    this.spool = spool;
    headerLine = reader.line();
    header = readHeader(reader, headerLine);
    width = header.size();
    label = spec.dataset().label();
    labelIndex = label == null ? -1 : header.indexOf(label);
    if (label != null && labelIndex < 0) {
      throw new InvalidDataException(
          headerLine, "the label column '" + label + "' (dataset.label) is not in the header");
    }
    if (labelIndex >= 0 && width == 1) {
      throw new InvalidDataException(
          headerLine, "no feature columns besides the label '" + label + "'");
    }
    rule = spec.labeling().rule();
    ruleIndex = rule == null ? -1 : header.indexOf(rule.column());
    if (rule != null && ruleIndex < 0) {
      throw new SpecException(
          "labeling.rule.column", "column '" + rule.column() + "' is not in the CSV header");
    }

    stats = new ColumnStats[width];
    for (int i = 0; i < width; i++) {
      if (i != labelIndex) {
        stats[i] = new ColumnStats();
        stats[i].distinct = new ValueDictionary(maxCategories);
      }
    }
    labels = labelIndex >= 0 ? new ValueDictionary(maxCategories) : null;
    rowLabels = labelIndex >= 0 ? new int[1024] : null;
    allowance = spec.dataset().maxInvalidValues();
    spooled = new int[width];
    fileColumn = new int[width - (labelIndex >= 0 ? 1 : 0)];
    for (int i = 0, c = 0; i < width; i++) {
      spooled[i] = i == labelIndex ? -1 : c;
      if (i != labelIndex) {
        fileColumn[c++] = i;
      }
    }
    if (spool != null) {
      spool.start(fileColumn.length, spec.dataset().chunkRows());
    }
  }

  /** Fields per record. */
  int width() {
    return width;
  }

  /** The label column, or -1. */
  int labelIndex() {
    return labelIndex;
  }

  /** Columns spooled: every column but the label. */
  int spooledColumns() {
    return fileColumn.length;
  }

  /** Whether the dictionary of spooled column {@code c} is full (a value was refused). */
  boolean dictionaryFull(int c) {
    return stats[fileColumn[c]].distinct.overflowed();
  }

  /** Rows added so far. */
  int rows() {
    return rows;
  }

  // One row at a time.

  /** Refuses the next row, on {@code line}, when there are too many. */
  void checkRow(long line) {
    checkRows(rows, line);
  }

  /** The label of the current row, the trimmed text in [from, to) of {@code text}. */
  void label(char[] text, int from, int to, boolean missing, long line) {
    int id = -1;
    if (missing) {
      unlabeled++;
    } else {
      id = labels.add(text, from, to);
      if (id < 0) {
        throw tooManyLabels(line);
      }
    }
    if (rows == rowLabels.length) {
      rowLabels = Arrays.copyOf(rowLabels, rowLabels.length * 2);
    }
    rowLabels[rows] = id;
  }

  /**
   * Cell {@code field} (not the label) of the current row, the trimmed text in [from, to) of {@code
   * text}: counts it as missing, a number or text (remembering the first text beyond the
   * allowance), adds it to the column's distinct values, and spools it. A method of its own so the
   * JIT compiles the per-cell work as one small, hot unit.
   */
  void cell(int field, char[] text, int from, int to, boolean missing, long line) {
    ColumnStats s = stats[field];
    if (missing) {
      s.missing++;
      if (spool != null) {
        spool.cell(spooled[field], Double.NaN, -1);
      }
      return;
    }
    double number = Cells.parseNumber(text, from, to);
    if (Double.isNaN(number)) {
      s.texts++;
      if (s.texts == allowance + 1) {
        s.invalidLine = line;
        s.invalidValue = new String(text, from, to - from);
      }
    } else {
      s.numbers++;
    }
    int id = -1;
    if (!s.distinct.overflowed()) {
      id = s.distinct.add(text, from, to);
      if (id < 0) {
        s.overflowLine = line;
      }
    }
    if (spool != null) {
      spool.cell(spooled[field], number, id);
    }
  }

  /** Ends the current row. */
  void endRow() {
    rows++;
    if (spool != null) {
      spool.endRow();
    }
  }

  // A block at a time.

  /**
   * Adds a parsed block, the next in file order, whose first line is line {@code firstLine} of the
   * file: its labels, counters, distinct values (its ids mapped onto the file's dictionaries) and
   * cells, then its refusal if a malformed record ended it. The first refusal in its rows (too many
   * rows, a label past the dictionary's capacity, a malformed record) is the one adding its rows
   * one at a time gives.
   */
  void addBlock(ParsedBlock b, long firstLine) throws IOException {
    int n = b.rows();
    // The first row past the limit on rows, if the block has one.
    int tooMany = Integer.MAX_VALUE - 8 - rows;
    if (labels != null) {
      if (rows + n > rowLabels.length) {
        rowLabels =
            Arrays.copyOf(
                rowLabels,
                (int)
                    Math.min(
                        Integer.MAX_VALUE - 8, Math.max(2L * rowLabels.length, (long) rows + n)));
      }
      int refused = b.labelsInto(labels, rowLabels, rows);
      if (refused >= 0 && refused < tooMany) {
        throw tooManyLabels(firstLine + b.line(refused) - 1);
      }
      unlabeled += b.unlabeled();
    }
    if (tooMany < n) {
      checkRows(rows + tooMany, firstLine + b.line(tooMany) - 1);
    }
    for (int c = 0; c < fileColumn.length; c++) {
      addColumn(b, c, firstLine);
    }
    if (spool != null) {
      b.spoolInto(spool);
    }
    rows += n;
    if (b.failed()) {
      throw new InvalidDataException(firstLine + b.errorLine() - 1, b.errorReason());
    }
  }

  /** Counters, the value past the allowance, the dictionary and the ids of one spooled column. */
  private void addColumn(ParsedBlock b, int c, long firstLine) throws IOException {
    int i = fileColumn[c];
    ColumnStats s = stats[i];
    long need = allowance + 1 - s.texts;
    if (need >= 1 && need <= b.textCount(c)) {
      int row = b.textRow(c, need);
      s.invalidLine = firstLine + b.line(row) - 1;
      s.invalidValue = b.cellText(row, i);
    }
    s.texts += b.textCount(c);
    s.numbers += b.numberCount(c);
    s.missing += b.missingCount(c);
    if (s.distinct.overflowed()) {
      b.dropIds(c);
      return;
    }
    int cut = b.mapIds(c, s.distinct);
    if (cut < b.rows()) {
      s.overflowLine = firstLine + b.line(cut) - 1;
    }
  }

  /** Refuses row {@code row} (0-based), on {@code line}, when there are too many. */
  private static void checkRows(int row, long line) {
    if (row == Integer.MAX_VALUE - 8) {
      throw new InvalidDataException(line, "too many rows (at most " + row + ")");
    }
  }

  private InvalidDataException tooManyLabels(long line) {
    return new InvalidDataException(
        line,
        "the label column '" + label + "' has more than " + maxCategories + " distinct values");
  }

  /** After the last row: the schema, or the refusal of the file. */
  Scan finish() {
    if (spool != null) {
      spool.finish();
    }
    if (rows == 0) {
      throw new InvalidDataException(headerLine + 1, "the file has a header but no data rows");
    }

    ColumnKind[] kinds = new ColumnKind[width];
    ValueDictionary[] dictionaries = new ValueDictionary[width];
    long errorLine = Long.MAX_VALUE;
    String error = null;
    for (int i = 0; i < width; i++) {
      if (i == labelIndex) {
        kinds[i] = ColumnKind.LABEL;
        dictionaries[i] = labels;
        continue;
      }
      ColumnStats s = stats[i];
      if (s.numbers > s.texts) {
        kinds[i] = ColumnKind.NUMERIC;
        if (s.texts > allowance && s.invalidLine < errorLine) {
          errorLine = s.invalidLine;
          error =
              "column '"
                  + header.get(i)
                  + "' is numeric but '"
                  + s.invalidValue
                  + "' is not a number (dataset.maxInvalidValues allows "
                  + allowance
                  + ")";
        }
      } else {
        kinds[i] = ColumnKind.CATEGORICAL;
        dictionaries[i] = s.distinct;
        if (s.distinct.overflowed() && s.overflowLine < errorLine) {
          errorLine = s.overflowLine;
          error =
              "column '"
                  + header.get(i)
                  + "' is categorical with more than "
                  + maxCategories
                  + " distinct values";
        }
      }
    }
    if (error != null) {
      throw new InvalidDataException(errorLine, error);
    }
    if (ruleIndex >= 0 && kinds[ruleIndex] != ColumnKind.NUMERIC) {
      throw new SpecException(
          "labeling.rule.column",
          "column '" + rule.column() + "' is " + kinds[ruleIndex] + ", a rule needs a numeric one");
    }

    String[] classes = new String[0];
    long[] classCounts = new long[0];
    if (labels != null) {
      classes = labels.sorted();
      // first-seen id -> sorted index
      int[] remap = new int[labels.size()];
      Map<String, Integer> order = new HashMap<>();
      for (int c = 0; c < classes.length; c++) {
        order.put(classes[c], c);
      }
      for (int id = 0; id < remap.length; id++) {
        remap[id] = order.get(labels.value(id));
      }
      classCounts = new long[classes.length];
      for (int r = 0; r < rows; r++) {
        int id = rowLabels[r];
        if (id >= 0) {
          rowLabels[r] = remap[id];
          classCounts[remap[id]]++;
        }
      }
      rowLabels = Arrays.copyOf(rowLabels, rows);
    }
    return new Scan(
        header, kinds, dictionaries, labelIndex, classes, rowLabels, classCounts, rows, unlabeled);
  }

  private static List<String> readHeader(CsvReader reader, long line) {
    List<String> header = new ArrayList<>(reader.fieldCount());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < reader.fieldCount(); i++) {
      String name = reader.field(i).strip();
      if (name.isEmpty()) {
        throw new InvalidDataException(line, "column " + (i + 1) + " has no name");
      }
      Integer before = seen.putIfAbsent(name, i);
      if (before != null) {
        throw new InvalidDataException(
            line,
            "duplicate column name '"
                + name
                + "' (columns "
                + (before + 1)
                + " and "
                + (i + 1)
                + ")");
      }
      header.add(name);
    }
    return header;
  }
}
