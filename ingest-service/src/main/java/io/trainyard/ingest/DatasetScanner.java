package io.trainyard.ingest;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvFormatException;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass over an upload: reads the whole CSV once, refuses it with the line at fault when
 * it is malformed, and infers the schema. Nothing is published before this pass has accepted the
 * whole file.
 *
 * <p>Schema inference: the spec's {@code dataset.label} column is the LABEL (categories = sorted
 * distinct labels; a missing label leaves the row unlabeled). Every other column is NUMERIC when
 * most (more than half) of its non-missing cells are numbers, else CATEGORICAL (categories = its
 * sorted distinct values); a column with no values at all is CATEGORICAL with no categories, so it
 * adds no feature downstream. In a NUMERIC column up to {@code dataset.maxInvalidValues}
 * non-numeric cells are read as missing; the first one beyond that refuses the upload.
 *
 * <p>Memory: per column a few counters and at most {@code maxCategories} distinct values; per row
 * one int (its label). A categorical (or label) column with more distinct values than that is
 * refused, as no one-hot encoding of it would be useful.
 */
public final class DatasetScanner {

  private final int maxCategories;

  /**
   * @param maxCategories the most distinct values a categorical or label column may have
   */
  public DatasetScanner(int maxCategories) {
    this.maxCategories = maxCategories;
  }

  /** Scans a UTF-8 CSV file. */
  public Scan scan(Path csv, PipelineSpec spec) throws IOException {
    try (CsvReader reader = CsvReader.open(csv)) {
      return scan(reader, spec);
    }
  }

  /** Scans CSV text. */
  public Scan scan(Reader csv, PipelineSpec spec) throws IOException {
    try (CsvReader reader = new CsvReader(csv)) {
      return scan(reader, spec);
    }
  }

  /**
   * Scans CSV text and keeps what it read of every cell in {@code spool}, for a publishing pass
   * that does not parse the CSV again ({@link ChunkEncoder}).
   */
  public Scan scan(Reader csv, PipelineSpec spec, ChunkSpool spool) throws IOException {
    try (CsvReader reader = new CsvReader(csv)) {
      return scan(reader, spec, spool);
    }
  }

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

  Scan scan(CsvReader reader, PipelineSpec spec) throws IOException {
    return scan(reader, spec, null);
  }

  Scan scan(CsvReader reader, PipelineSpec spec, ChunkSpool spool) throws IOException {
    try {
      return doScan(reader, spec, spool);
    } catch (CsvFormatException e) {
      throw new InvalidDataException(e.line(), e.reason());
    }
  }

  private Scan doScan(CsvReader reader, PipelineSpec spec, ChunkSpool spool) throws IOException {
    if (!reader.next()) {
      throw new InvalidDataException(1, "the file is empty; expected a header row");
    }
    long headerLine = reader.line();
    List<String> header = readHeader(reader, headerLine);
    int width = header.size();
    String label = spec.dataset().label();
    int labelIndex = label == null ? -1 : header.indexOf(label);
    if (label != null && labelIndex < 0) {
      throw new InvalidDataException(
          headerLine, "the label column '" + label + "' (dataset.label) is not in the header");
    }
    if (labelIndex >= 0 && width == 1) {
      throw new InvalidDataException(
          headerLine, "no feature columns besides the label '" + label + "'");
    }
    PipelineSpec.Rule rule = spec.labeling().rule();
    int ruleIndex = rule == null ? -1 : header.indexOf(rule.column());
    if (rule != null && ruleIndex < 0) {
      throw new SpecException(
          "labeling.rule.column", "column '" + rule.column() + "' is not in the CSV header");
    }

    ColumnStats[] stats = new ColumnStats[width];
    for (int i = 0; i < width; i++) {
      if (i != labelIndex) {
        stats[i] = new ColumnStats();
        stats[i].distinct = new ValueDictionary(maxCategories);
      }
    }
    ValueDictionary labels = labelIndex >= 0 ? new ValueDictionary(maxCategories) : null;
    int[] rowLabels = labelIndex >= 0 ? new int[1024] : null;
    long allowance = spec.dataset().maxInvalidValues();
    int rows = 0;
    long unlabeled = 0;
    // Spool column of each file column (the label column is not spooled).
    int[] spooled = new int[width];
    for (int i = 0, c = 0; i < width; i++) {
      spooled[i] = i == labelIndex ? -1 : c++;
    }
    if (spool != null) {
      spool.start(width - (labelIndex >= 0 ? 1 : 0), spec.dataset().chunkRows());
    }

    while (reader.next()) {
      long line = reader.line();
      if (reader.fieldCount() != width) {
        throw new InvalidDataException(
            line, "expected " + width + " fields, found " + reader.fieldCount());
      }
      if (rows == Integer.MAX_VALUE - 8) {
        throw new InvalidDataException(line, "too many rows (at most " + rows + ")");
      }
      char[] text = reader.chars();
      for (int i = 0; i < width; i++) {
        int from = Cells.trimStart(text, reader.start(i), reader.end(i));
        int to = Cells.trimEnd(text, from, reader.end(i));
        boolean missing = Cells.isMissing(text, from, to);
        if (i == labelIndex) {
          int id = -1;
          if (missing) {
            unlabeled++;
          } else {
            id = labels.add(text, from, to);
            if (id < 0) {
              throw new InvalidDataException(
                  line,
                  "the label column '"
                      + label
                      + "' has more than "
                      + maxCategories
                      + " distinct values");
            }
          }
          if (rows == rowLabels.length) {
            rowLabels = Arrays.copyOf(rowLabels, rowLabels.length * 2);
          }
          rowLabels[rows] = id;
          continue;
        }
        cell(stats[i], text, from, to, missing, line, allowance, spool, spooled[i]);
      }
      rows++;
      if (spool != null) {
        spool.endRow();
      }
    }
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

  /**
   * One cell of a non-label column: counts it as missing, a number or text (remembering the first
   * text beyond the allowance), adds it to the column's distinct values, and spools it. A method of
   * its own so the JIT compiles the per-cell work as one small, hot unit.
   */
  private static void cell(
      ColumnStats s,
      char[] text,
      int from,
      int to,
      boolean missing,
      long line,
      long allowance,
      ChunkSpool spool,
      int spooledColumn) {
    if (missing) {
      s.missing++;
      if (spool != null) {
        spool.cell(spooledColumn, Double.NaN, -1);
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
      spool.cell(spooledColumn, number, id);
    }
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
