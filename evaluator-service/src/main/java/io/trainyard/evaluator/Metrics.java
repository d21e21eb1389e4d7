package io.trainyard.evaluator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classification metrics over predicted class probabilities: accuracy, macro precision / recall /
 * F1, ROC AUC and log loss, plus the confusion matrix. Plain arithmetic, no framework.
 *
 * <p>ROC AUC: for two classes, the AUC of the second class as the positive one, scored by its
 * probability; for more, the macro average of each class against the rest (classes with no positive
 * or no negative test row are left out of the average). Each AUC is the Mann–Whitney rank statistic
 * with tied scores given their average rank, which equals the area under the ROC curve with ties
 * counted as one half. NaN when no class can be scored.
 */
public final class Metrics {

  /** Probabilities are clipped to [ε, 1 − ε] before the logarithm, as scikit-learn does. */
  public static final double LOG_LOSS_EPS = 1e-15;

  /** The keys of {@link Report#asMap()}: exactly those ModelEvaluated carries. */
  public static final String ACCURACY = "accuracy";

  public static final String PRECISION = "precision";
  public static final String RECALL = "recall";
  public static final String F1 = "f1";
  public static final String ROC_AUC = "roc_auc";
  public static final String LOG_LOSS = "log_loss";
  public static final String TEST_ROWS = "test_rows";

  private Metrics() {}

  /** All metrics of one evaluation. */
  public record Report(
      double accuracy,
      double precision,
      double recall,
      double f1,
      double rocAuc,
      double logLoss,
      long testRows,
      ConfusionCounts confusion) {

    /** The metrics by their ModelEvaluated keys. */
    public Map<String, Double> asMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(ACCURACY, accuracy);
      m.put(PRECISION, precision);
      m.put(RECALL, recall);
      m.put(F1, f1);
      m.put(ROC_AUC, rocAuc);
      m.put(LOG_LOSS, logLoss);
      m.put(TEST_ROWS, (double) testRows);
      return m;
    }
  }

  /**
   * Evaluates predictions.
   *
   * @param actual true class index per row
   * @param probabilities class probabilities per row ({@code classes} columns)
   */
  public static Report evaluate(int[] actual, float[][] probabilities, int classes) {
    if (actual.length != probabilities.length) {
      throw new IllegalArgumentException(
          actual.length + " labels but " + probabilities.length + " predictions");
    }
    if (actual.length == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    ConfusionCounts cm = new ConfusionCounts(classes);
    for (int i = 0; i < actual.length; i++) {
      if (probabilities[i].length != classes) {
        throw new IllegalArgumentException(
            "row " + i + " has " + probabilities[i].length + " probabilities, expected " + classes);
      }
      if (actual[i] < 0 || actual[i] >= classes) {
        throw new IllegalArgumentException("row " + i + ": class " + actual[i] + " out of range");
      }
      cm.add(actual[i], argMax(probabilities[i]));
    }
    return new Report(
        cm.accuracy(),
        cm.macroPrecision(),
        cm.macroRecall(),
        cm.macroF1(),
        rocAuc(actual, probabilities, classes),
        logLoss(actual, probabilities),
        actual.length,
        cm);
  }

  /** The index of the largest value; the first one on a tie. */
  public static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Binary (second class positive) or macro one-vs-rest ROC AUC, as described above. */
  public static double rocAuc(int[] actual, float[][] probabilities, int classes) {
    if (classes == 2) {
      return binaryAuc(column(probabilities, 1), positives(actual, 1));
    }
    double sum = 0;
    int scored = 0;
    for (int c = 0; c < classes; c++) {
      double auc = binaryAuc(column(probabilities, c), positives(actual, c));
      if (!Double.isNaN(auc)) {
        sum += auc;
        scored++;
      }
    }
    return scored == 0 ? Double.NaN : sum / scored;
  }

  /**
   * AUC of {@code scores} for telling {@code positive} rows from the others: (R⁺ − n⁺(n⁺+1)/2) /
   * (n⁺ n⁻), where R⁺ is the sum of the positive rows' ranks (1-based, ascending, ties averaged).
   * NaN when either side is empty.
   */
  public static double binaryAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    long nPos = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + 1 + j + 1) / 2.0; // ranks i+1 … j+1 share their mean
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          positiveRankSum += averageRank;
          nPos++;
        }
      }
      i = j + 1;
    }
    long nNeg = n - nPos;
    if (nPos == 0 || nNeg == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
  }

  /** Mean of −ln p(true class), with p clipped to [ε, 1 − ε]. */
  public static double logLoss(int[] actual, float[][] probabilities) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double p = probabilities[i][actual[i]];
      p = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
      sum -= Math.log(p);
    }
    return sum / actual.length;
  }

  private static double[] column(float[][] probabilities, int c) {
    double[] out = new double[probabilities.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = probabilities[i][c];
    }
    return out;
  }

  private static boolean[] positives(int[] actual, int c) {
    boolean[] out = new boolean[actual.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = actual[i] == c;
    }
    return out;
  }
}
