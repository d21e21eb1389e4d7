package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a cleaned chunk into dense float32 features, row-major: the numeric columns in schema
 * order, then a one-hot block per categorical column over its schema categories (features named
 * {@code col=value}; a missing or unknown value is all zeros). The label column is never a feature.
 */
public final class FeatureEncoder {

  private final List<String> numeric = new ArrayList<>();
  private final List<String> categorical = new ArrayList<>();
  private final List<Map<String, Integer>> categoryIndex = new ArrayList<>();
  private final int[] categoricalBase;
  private final List<String> names = new ArrayList<>();

  public FeatureEncoder(DatasetSchema schema) {
    List<ColumnSchema> cats = new ArrayList<>();
    for (ColumnSchema c : schema.getColumnsList()) {
      if (c.getName().equals(schema.getLabelColumn()) || c.getKind() == ColumnKind.LABEL) {
        continue;
      }
      if (c.getKind() == ColumnKind.NUMERIC) {
        numeric.add(c.getName());
        names.add(c.getName());
      } else if (c.getKind() == ColumnKind.CATEGORICAL) {
        cats.add(c);
      }
    }
    categoricalBase = new int[cats.size()];
    for (int j = 0; j < cats.size(); j++) {
      ColumnSchema c = cats.get(j);
      categorical.add(c.getName());
      categoricalBase[j] = names.size();
      Map<String, Integer> index = new HashMap<>();
      for (String category : c.getCategoriesList()) {
        if (!index.containsKey(category)) {
          index.put(category, index.size());
          names.add(c.getName() + "=" + category);
        }
      }
      categoryIndex.add(index);
    }
  }

  /** Feature names, in the order of a row's values. */
  public List<String> featureNames() {
    return names;
  }

  public int features() {
    return names.size();
  }

  /**
   * Encodes every row of {@code chunk}: row i's features at {@code [i * features(), (i + 1) *
   * features())} of the result (a new array, or {@code reuse} when it is big enough; zeroed).
   */
  public float[] encode(RowChunk chunk, float[] reuse) {
    int n = chunk.getRowIdsCount();
    int f = names.size();
    float[] out;
    if (reuse != null && reuse.length >= n * f) {
      out = reuse;
      java.util.Arrays.fill(out, 0, n * f, 0f);
    } else {
      out = new float[n * f];
    }
    List<NumericColumn> numCols = chunk.getNumericList();
    for (int j = 0; j < numeric.size(); j++) {
      fill(out, find(numCols, numeric.get(j), j, chunk), n, f, j);
    }
    List<StringColumn> catCols = chunk.getCategoricalList();
    for (int j = 0; j < categorical.size(); j++) {
      oneHot(
          out,
          findText(catCols, categorical.get(j), j, chunk),
          categoryIndex.get(j),
          n,
          f,
          categoricalBase[j]);
    }
    return out;
  }

  /** Column {@code col} into feature {@code j} of every row. */
  private static void fill(float[] out, NumericColumn col, int n, int f, int j) {
    for (int i = 0, at = j; i < n; i++, at += f) {
      out[at] = (float) col.getValues(i);
    }
  }

  /** A one at feature {@code base + category index} of every row with a known category. */
  private static void oneHot(
      float[] out, StringColumn col, Map<String, Integer> index, int n, int f, int base) {
    for (int i = 0; i < n; i++) {
      Integer k = index.get(col.getValues(i));
      if (k != null) {
        out[i * f + base + k] = 1f;
      }
    }
  }

  private static NumericColumn find(
      List<NumericColumn> cols, String name, int hint, RowChunk chunk) {
    NumericColumn c =
        hint < cols.size() && cols.get(hint).getName().equals(name) ? cols.get(hint) : null;
    for (int k = 0; c == null && k < cols.size(); k++) {
      if (cols.get(k).getName().equals(name)) {
        c = cols.get(k);
      }
    }
    if (c == null || c.getValuesCount() != chunk.getRowIdsCount()) {
      throw new IllegalStateException(
          "chunk "
              + chunk.getChunkIndex()
              + (c == null ? " has no numeric column '" : " has a bad column '")
              + name
              + "'");
    }
    return c;
  }

  private static StringColumn findText(
      List<StringColumn> cols, String name, int hint, RowChunk chunk) {
    StringColumn c =
        hint < cols.size() && cols.get(hint).getName().equals(name) ? cols.get(hint) : null;
    for (int k = 0; c == null && k < cols.size(); k++) {
      if (cols.get(k).getName().equals(name)) {
        c = cols.get(k);
      }
    }
    if (c == null || c.getValuesCount() != chunk.getRowIdsCount()) {
      throw new IllegalStateException(
          "chunk "
              + chunk.getChunkIndex()
              + (c == null ? " has no categorical column '" : " has a bad column '")
              + name
              + "'");
    }
    return c;
  }
}
