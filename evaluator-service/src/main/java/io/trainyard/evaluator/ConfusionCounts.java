package io.trainyard.evaluator;

/**
 * Counts of (true class, predicted class) pairs, and the metrics that follow from them. Macro
 * averages weigh every class the same, over all classes of the data set; a ratio whose denominator
 * is zero (a class never predicted, or absent from the test rows) counts as 0, as scikit-learn's
 * {@code zero_division=0} does.
 */
public final class ConfusionCounts {

  private final long[][] counts;

  public ConfusionCounts(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("at least 2 classes, got " + classes);
    }
    this.counts = new long[classes][classes];
  }

  /** Counts one row whose true class is {@code actual} and predicted class {@code predicted}. */
  public void add(int actual, int predicted) {
    counts[actual][predicted]++;
  }

  public int classes() {
    return counts.length;
  }

  /** Rows counted. */
  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long c : row) {
        t += c;
      }
    }
    return t;
  }

  /** Rows of true class {@code actual} predicted as {@code predicted}. */
  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /** Row-major counts: rows are true classes, columns predicted classes. */
  public long[] flat() {
    int k = counts.length;
    long[] out = new long[k * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(counts[i], 0, out, i * k, k);
    }
    return out;
  }

  /** Correct predictions over all rows. */
  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < counts.length; i++) {
      correct += counts[i][i];
    }
    long total = total();
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  /** TP / (TP + FP) of class {@code c}. */
  public double precision(int c) {
    long predicted = 0;
    for (long[] row : counts) {
      predicted += row[c];
    }
    return ratio(counts[c][c], predicted);
  }

  /** TP / (TP + FN) of class {@code c}. */
  public double recall(int c) {
    long actual = 0;
    for (long v : counts[c]) {
      actual += v;
    }
    return ratio(counts[c][c], actual);
  }

  /** Harmonic mean of precision and recall of class {@code c}. */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double macroPrecision() {
    double sum = 0;
    for (int c = 0; c < counts.length; c++) {
      sum += precision(c);
    }
    return sum / counts.length;
  }

  public double macroRecall() {
    double sum = 0;
    for (int c = 0; c < counts.length; c++) {
      sum += recall(c);
    }
    return sum / counts.length;
  }

  /** The mean of the per-class F1 scores (not the F1 of the macro precision and recall). */
  public double macroF1() {
    double sum = 0;
    for (int c = 0; c < counts.length; c++) {
      sum += f1(c);
    }
    return sum / counts.length;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
