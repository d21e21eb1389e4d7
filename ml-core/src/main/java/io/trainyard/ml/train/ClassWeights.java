package io.trainyard.ml.train;

import java.util.List;
import java.util.Map;

/**
 * The weight of each class in the loss, as scikit-learn's {@code class_weight} gives them: {@code
 * balanced} weighs class c by {@code rows / (classes * rows of c)} on the training split, a map
 * names the weight of the classes it lists (the others weigh 1).
 */
final class ClassWeights {

  static final String NONE = "none";
  static final String BALANCED = "balanced";

  private ClassWeights() {}

  /**
   * The weights in class-index order, or null when every class weighs 1 (the plain loss).
   *
   * @param labels the training rows' class indexes
   * @throws IllegalArgumentException for a map that names a class the data set does not have
   */
  static float[] resolve(
      String mode, Map<String, Double> named, List<String> classes, int[] labels) {
    if (!named.isEmpty()) {
      float[] w = new float[classes.size()];
      java.util.Arrays.fill(w, 1f);
      for (Map.Entry<String, Double> e : named.entrySet()) {
        int index = classes.indexOf(e.getKey());
        if (index < 0) {
          throw new IllegalArgumentException(
              "config.class_weights: the data set has no class '"
                  + e.getKey()
                  + "'; its classes are "
                  + classes);
        }
        w[index] = e.getValue().floatValue();
      }
      return w;
    }
    if (!BALANCED.equals(mode)) {
      return null;
    }
    long[] counts = new long[classes.size()];
    for (int y : labels) {
      counts[y]++;
    }
    float[] w = new float[classes.size()];
    for (int c = 0; c < w.length; c++) {
      // A class without training rows has nothing to weigh: 1, where scikit-learn would refuse.
      w[c] = counts[c] == 0 ? 1f : (float) ((double) labels.length / (w.length * counts[c]));
    }
    return w;
  }
}
