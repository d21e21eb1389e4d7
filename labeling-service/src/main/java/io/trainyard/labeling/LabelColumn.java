package io.trainyard.labeling;

import io.trainyard.toolkit.wire.ChunkView;
import java.nio.charset.StandardCharsets;
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

  /** The classes' UTF-8 bytes, in class order. */
  private final byte[][] names;

  /** Up to this many classes, labels are matched by their bytes (else through a map of strings). */
  static final int BY_BYTES = 16;

  public LabelColumn(List<String> categories) {
    this.classes = categories.stream().filter(c -> !c.isEmpty()).distinct().sorted().toList();
    this.names = new byte[classes.size()][];
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
      names[i] = classes.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public int[] labels(ChunkView chunk) {
    int n = chunk.rows();
    if (names.length <= BY_BYTES && chunk.labelCount() == n) {
      // A few classes (most label columns): the labels' bytes compared with each class's, with no
      // string made per row.
      return chunk.labelIndexes(names);
    }
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
