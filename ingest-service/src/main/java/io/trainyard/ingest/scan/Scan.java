package io.trainyard.ingest.scan;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.ingest.csv.ValueDictionary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the validating first pass learned about a CSV file: its columns and their kinds, the row
 * count, and per row only the label (as an index into {@link #classes()}), so that memory stays at
 * a few bytes per row whatever the width of the file.
 */
public final class Scan {

  private final List<String> header;
  private final ColumnKind[] kinds;
  private final ValueDictionary[] dictionaries;
  private final int labelIndex;
  private final String[] classes;
  private final int[] rowLabels;
  private final long[] classCounts;
  private final int rows;
  private final long unlabeled;

  Scan(
      List<String> header,
      ColumnKind[] kinds,
      ValueDictionary[] dictionaries,
      int labelIndex,
      String[] classes,
      int[] rowLabels,
      long[] classCounts,
      int rows,
      long unlabeled) {
    this.header = List.copyOf(header);
    this.kinds = kinds;
    this.dictionaries = dictionaries;
    this.labelIndex = labelIndex;
    this.classes = classes;
    this.rowLabels = rowLabels;
    this.classCounts = classCounts;
    this.rows = rows;
    this.unlabeled = unlabeled;
  }

  /** Column names in file order. */
  public List<String> header() {
    return header;
  }

  /** Kind of column {@code i}. */
  public ColumnKind kind(int i) {
    return kinds[i];
  }

  /** Distinct values of a categorical or label column, as first seen; null for numeric ones. */
  public ValueDictionary dictionary(int i) {
    return dictionaries[i];
  }

  /** Index of the label column, or -1. */
  public int labelIndex() {
    return labelIndex;
  }

  /** The label column's name, or "" when the data has none. */
  public String labelColumn() {
    return labelIndex < 0 ? "" : header.get(labelIndex);
  }

  /** Sorted distinct labels (empty without a label column). */
  public String[] classes() {
    return classes.clone();
  }

  /** Per row (0-based), the index of its label in {@link #classes()}, -1 when unlabeled. */
  public int label(int row) {
    return rowLabels == null ? -1 : rowLabels[row];
  }

  /** The per-row label indexes (null without a label column); shared, do not modify. */
  public int[] rowLabels() {
    return rowLabels;
  }

  /** Data rows (the header excluded). */
  public int rows() {
    return rows;
  }

  /** Rows whose label cell is missing. */
  public long unlabeled() {
    return unlabeled;
  }

  /** Rows per class, sorted by class name; unlabeled rows are not counted. */
  public Map<String, Long> labelCounts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < classes.length; i++) {
      out.put(classes[i], classCounts[i]);
    }
    return out;
  }

  /** The schema as carried in events. */
  public DatasetSchema schema() {
    DatasetSchema.Builder b = DatasetSchema.newBuilder().setLabelColumn(labelColumn());
    for (int i = 0; i < header.size(); i++) {
      ColumnSchema.Builder c = ColumnSchema.newBuilder().setName(header.get(i)).setKind(kinds[i]);
      if (kinds[i] == ColumnKind.LABEL) {
        c.addAllCategories(Arrays.asList(classes));
      } else if (kinds[i] == ColumnKind.CATEGORICAL) {
        c.addAllCategories(Arrays.asList(dictionaries[i].sorted()));
      }
      b.addColumns(c);
    }
    return b.build();
  }
}
