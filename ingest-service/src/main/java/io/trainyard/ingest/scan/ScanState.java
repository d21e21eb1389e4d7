package io.trainyard.ingest.scan;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass has learned so far, whichever way it reads the rows ({@link DatasetScanner}
 * on one thread, {@link ParallelScan} in blocks): the header and its checks, per column the
 * counters and distinct values, per row its label; {@link #finish()} infers the schema from them.
 */
final class ScanState {

  /** Per-column counters of the first pass. */
  static final class ColumnStats {
    long numbers;
    long texts;
    long missing;
    ValueDictionary distinct;
    long overflowLine;
    long invalidLine;
    String invalidValue;
  }

  final int maxCategories;
  final long headerLine;
  final List<String> header;
  final int width;
  final String label;
  final int labelIndex;
  final PipelineSpec.Rule rule;
  final int ruleIndex;

  /** Per file column (null for the label column). */
  final ColumnStats[] stats;

  final ValueDictionary labels;
  int[] rowLabels;
  final long allowance;
  int rows;
  long unlabeled;

  /** Spool column of each file column (the label column, not spooled, is -1). */
  final int[] spooled;

  final ChunkSpool spool;

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
    for (int i = 0, c = 0; i < width; i++) {
      spooled[i] = i == labelIndex ? -1 : c++;
    }
    if (spool != null) {
      spool.start(width - (labelIndex >= 0 ? 1 : 0), spec.dataset().chunkRows());
    }
  }

  /** Refuses row {@code row} (0-based), on {@code line}, when there are too many. */
  void checkRows(int row, long line) {
    if (row == Integer.MAX_VALUE - 8) {
      throw new InvalidDataException(line, "too many rows (at most " + row + ")");
    }
  }

  InvalidDataException tooManyLabels(long line) {
    return new InvalidDataException(
        line,
        "the label column '" + label + "' has more than " + maxCategories + " distinct values");
  }

  /** The label of row {@link #rows}: its id in {@link #labels}, -1 when missing. */
  void addLabel(int id) {
    if (rows == rowLabels.length) {
      rowLabels = Arrays.copyOf(rowLabels, rowLabels.length * 2);
    }
    rowLabels[rows] = id;
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
