package io.trainyard.labeling;

import io.trainyard.contracts.wire.ChunkView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels from the chunk's label column, over the label column's categories (sorted, from the
 * schema). An empty label, or one that is not a category, leaves the row unlabeled.
 */
public final class LabelColumn implements LabelSource {

  private final List<String> classes;
  private final Map<String, Integer> index = new HashMap<>();

  public LabelColumn(List<String> categories) {
    this.classes = categories.stream().filter(c -> !c.isEmpty()).distinct().sorted().toList();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public int[] labels(ChunkView chunk) {
    int n = chunk.rows();
    int[] out = new int[n];
    String[] labels = chunk.labels();
    boolean has = labels.length == n;
    for (int i = 0; i < n; i++) {
      Integer k = has ? index.get(labels[i]) : null;
      out[i] = k == null ? -1 : k;
    }
    return out;
  }

  @Override
  public boolean byRule() {
    return false;
  }
}
