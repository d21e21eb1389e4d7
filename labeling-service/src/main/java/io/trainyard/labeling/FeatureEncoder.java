package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.wire.ChunkView;
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

  /** As {@link #encode(ChunkView, float[])}, for a message. */
  public float[] encode(RowChunk chunk, float[] reuse) {
    return encode(ChunkView.of(chunk), reuse);
  }

  /**
   * Encodes every row of {@code chunk}: row i's features at {@code [i * features(), (i + 1) *
   * features())} of the result (a new array, or {@code reuse} when it is big enough; zeroed).
   */
  public float[] encode(ChunkView chunk, float[] reuse) {
    int n = chunk.rows();
    int f = names.size();
    float[] out;
    if (reuse != null && reuse.length >= n * f) {
      out = reuse;
      if (!categorical.isEmpty()) {
        // One-hot features are set where a category is known; the rest must read 0. Numeric
        // features are all written below.
        java.util.Arrays.fill(out, 0, n * f, 0f);
      }
    } else {
      out = new float[n * f];
    }
    for (int j = 0; j < numeric.size(); j++) {
      // Cleaned chunks carry floats: taken as they are, not widened and narrowed again.
      float[] asFloats = chunk.floats(numeric.get(j), j);
      if (asFloats != null) {
        fill(out, asFloats, n, f, j);
      } else {
        fill(out, chunk.numeric(numeric.get(j), j), n, f, j);
      }
    }
    for (int j = 0; j < categorical.size(); j++) {
      oneHot(
          out,
          chunk.categorical(categorical.get(j), j),
          categoryIndex.get(j),
          n,
          f,
          categoricalBase[j]);
    }
    return out;
  }

  /** Column {@code col} into feature {@code j} of every row. */
  private static void fill(float[] out, double[] col, int n, int f, int j) {
    for (int i = 0, at = j; i < n; i++, at += f) {
      out[at] = (float) col[i];
    }
  }

  /** As {@link #fill(float[], double[], int, int, int)}, for a column of floats. */
  private static void fill(float[] out, float[] col, int n, int f, int j) {
    for (int i = 0, at = j; i < n; i++, at += f) {
      out[at] = col[i];
    }
  }

  /** A one at feature {@code base + category index} of every row with a known category. */
  private static void oneHot(
      float[] out, String[] col, Map<String, Integer> index, int n, int f, int base) {
    for (int i = 0; i < n; i++) {
      Integer k = index.get(col[i]);
      if (k != null) {
        out[i * f + base + k] = 1f;
      }
    }
  }
}
