package io.trainyard.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every expected value below was worked out by hand; the arithmetic is in the comments. */
class MetricsTest {

  private static final double EPS = 1e-9;

  /** Rows whose predicted class is certain (probability 1), for confusion-matrix examples. */
  private static float[][] certain(int[] predicted, int classes) {
    float[][] p = new float[predicted.length][classes];
    for (int i = 0; i < predicted.length; i++) {
      p[i][predicted[i]] = 1f;
    }
    return p;
  }

  @Test
  void binaryConfusionMatrixAndItsMacroAverages() {
    // 4 negatives (class 0), 6 positives (class 1):  TN=3 FP=1 / FN=2 TP=4
    int[] actual = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    int[] predicted = {0, 0, 0, 1, 0, 0, 1, 1, 1, 1};
    Metrics.Report r = Metrics.evaluate(actual, certain(predicted, 2), 2);

    assertThat(r.confusion().flat()).containsExactly(3, 1, 2, 4);
    assertThat(r.accuracy()).isCloseTo(0.7, within(EPS)); // (3 + 4) / 10
    // precision: class 0 = 3/(3+2) = 0.6, class 1 = 4/(4+1) = 0.8 -> 0.7
    assertThat(r.confusion().precision(0)).isCloseTo(0.6, within(EPS));
    assertThat(r.confusion().precision(1)).isCloseTo(0.8, within(EPS));
    assertThat(r.precision()).isCloseTo(0.7, within(EPS));
    // recall: class 0 = 3/4 = 0.75, class 1 = 4/6 = 2/3 -> (0.75 + 0.666667) / 2 = 0.708333
    assertThat(r.recall()).isCloseTo(17.0 / 24, within(EPS));
    // F1: class 0 = 2·0.6·0.75/1.35 = 2/3; class 1 = 2·0.8·(2/3)/(0.8 + 2/3) = 8/11 -> 0.696970
    assertThat(r.confusion().f1(0)).isCloseTo(2.0 / 3, within(EPS));
    assertThat(r.confusion().f1(1)).isCloseTo(8.0 / 11, within(EPS));
    assertThat(r.f1()).isCloseTo((2.0 / 3 + 8.0 / 11) / 2, within(EPS));
    assertThat(r.testRows()).isEqualTo(10);
  }

  @Test
  void binaryAucIsTheRankStatisticWithTiesAveraged() {
    // positives score 0.8, 0.4, 0.4; negatives 0.4, 0.2.
    // Pairs (pos > neg = 1, tie = 1/2): 0.8 beats both (2); each 0.4 ties 0.4 and beats 0.2 (1.5 +
    // 1.5)
    // -> 5 of 6 pairs = 0.833333. Ranks: 0.2 -> 1; 0.4 x3 -> (2+3+4)/3 = 3; 0.8 -> 5.
    // R+ = 5 + 3 + 3 = 11; (11 - 3·4/2) / (3·2) = 5/6.
    double[] scores = {0.8, 0.4, 0.4, 0.4, 0.2};
    boolean[] positive = {true, true, false, true, false};
    assertThat(Metrics.binaryAuc(scores, positive)).isCloseTo(5.0 / 6, within(EPS));
  }

  @Test
  void binaryAucOfTheReport() {
    // class 1 is the positive class, scored by its probability (column 1)
    int[] actual = {1, 1, 0, 1, 0};
    float[][] p = {{0.2f, 0.8f}, {0.6f, 0.4f}, {0.6f, 0.4f}, {0.6f, 0.4f}, {0.8f, 0.2f}};
    assertThat(Metrics.rocAuc(actual, p, 2)).isCloseTo(5.0 / 6, within(1e-6));
    // perfect separation, and the reverse
    assertThat(Metrics.binaryAuc(new double[] {0.1, 0.9}, new boolean[] {false, true}))
        .isEqualTo(1.0);
    assertThat(Metrics.binaryAuc(new double[] {0.1, 0.9}, new boolean[] {true, false}))
        .isEqualTo(0.0);
    // all tied: 1/2
    assertThat(Metrics.binaryAuc(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, false}))
        .isEqualTo(0.5);
    // one side empty: undefined
    assertThat(Metrics.binaryAuc(new double[] {0.3, 0.7}, new boolean[] {true, true})).isNaN();
  }

  @Test
  void threeClassesMacroOneVsRest() {
    int[] actual = {0, 1, 2, 2};
    float[][] p = {
      {0.6f, 0.3f, 0.1f}, {0.2f, 0.5f, 0.3f}, {0.1f, 0.3f, 0.6f}, {0.3f, 0.4f, 0.3f},
    };
    Metrics.Report r = Metrics.evaluate(actual, p, 3);

    // predicted 0, 1, 2, 1 -> confusion rows (true) 0: [1 0 0], 1: [0 1 0], 2: [0 1 1]
    assertThat(r.confusion().flat()).containsExactly(1, 0, 0, 0, 1, 0, 0, 1, 1);
    assertThat(r.accuracy()).isCloseTo(0.75, within(EPS));
    // precision 1, 1/2, 1 -> 5/6; recall 1, 1, 1/2 -> 5/6; F1 1, 2/3, 2/3 -> 7/9
    assertThat(r.precision()).isCloseTo(5.0 / 6, within(EPS));
    assertThat(r.recall()).isCloseTo(5.0 / 6, within(EPS));
    assertThat(r.f1()).isCloseTo(7.0 / 9, within(EPS));
    // AUC class 0: 0.6 vs {0.2, 0.1, 0.3} = 1; class 1: 0.5 vs {0.3, 0.3, 0.4} = 1;
    // class 2: {0.6, 0.3} vs {0.1, 0.3}: 1 + 1 + 1 + 1/2 = 3.5 of 4 = 0.875 -> mean 0.958333
    assertThat(r.rocAuc()).isCloseTo((1 + 1 + 0.875) / 3, within(1e-6));
    // log loss: -(ln 0.6 + ln 0.5 + ln 0.6 + ln 0.3) / 4
    //         = (0.5108256 + 0.6931472 + 0.5108256 + 1.2039728) / 4 = 0.7296928
    assertThat(r.logLoss()).isCloseTo(0.7296928, within(1e-6));
  }

  @Test
  void logLossClipsCertainMistakes() {
    // -(ln 0.9 + ln 0.6 + ln 0.2) / 3 = (0.1053605 + 0.5108256 + 1.6094379) / 3 = 0.7418747
    int[] actual = {0, 1, 1};
    float[][] p = {{0.9f, 0.1f}, {0.4f, 0.6f}, {0.8f, 0.2f}};
    assertThat(Metrics.logLoss(actual, p)).isCloseTo(0.7418747, within(1e-6));
    // p(true) = 0 is clipped to 1e-15: -ln(1e-15) = 15 ln 10 = 34.5387764
    assertThat(Metrics.logLoss(new int[] {1}, new float[][] {{1f, 0f}}))
        .isCloseTo(34.5387764, within(1e-6));
  }

  @Test
  void aClassNeverPredictedNorPresentCountsAsZero() {
    // 3 classes, class 2 absent and never predicted: its precision, recall and F1 are 0.
    int[] actual = {0, 1};
    Metrics.Report r = Metrics.evaluate(actual, certain(new int[] {0, 1}, 3), 3);
    assertThat(r.accuracy()).isEqualTo(1.0);
    assertThat(r.precision()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(r.recall()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(r.f1()).isCloseTo(2.0 / 3, within(EPS));
    // class 2 has no positives, so it is left out of the one-vs-rest mean: classes 0 and 1 score 1
    assertThat(r.rocAuc()).isEqualTo(1.0);
  }

  @Test
  void theMapHasExactlyTheEventKeys() {
    Metrics.Report r =
        Metrics.evaluate(new int[] {0, 1}, new float[][] {{0.7f, 0.3f}, {0.4f, 0.6f}}, 2);
    assertThat(r.asMap())
        .containsOnlyKeys(
            "accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "test_rows")
        .containsEntry("test_rows", 2.0)
        .containsEntry("accuracy", 1.0);
  }

  @Test
  void argMaxTakesTheFirstOfEqualValues() {
    assertThat(Metrics.argMax(new float[] {0.2f, 0.4f, 0.4f})).isEqualTo(1);
    assertThat(Metrics.argMax(new float[] {0.5f, 0.5f})).isEqualTo(0);
  }

  @Test
  void refusesMismatchedInput() {
    assertThatThrownBy(() -> Metrics.evaluate(new int[] {0}, new float[0][], 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.evaluate(new int[0], new float[0][], 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.evaluate(new int[] {3}, new float[][] {{0.5f, 0.5f}}, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
