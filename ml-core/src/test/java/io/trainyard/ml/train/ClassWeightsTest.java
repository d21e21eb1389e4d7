package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {

  private static final List<String> CLASSES = List.of("a", "b", "c");

  @Test
  void balancedIsRowsOverClassesTimesTheClassRows() {
    // 6 rows: a x3, b x2, c x1 -> 6/9, 6/6, 6/3 (compute_class_weight("balanced", ...)).
    float[] w = ClassWeights.resolve("balanced", Map.of(), CLASSES, new int[] {0, 0, 0, 1, 1, 2});
    assertThat(w).containsExactly(new float[] {6f / 9, 1f, 2f}, within(1e-6f));
  }

  @Test
  void namedWeightsLeaveTheOthersAtOneAndUnknownClassesAreRefused() {
    assertThat(ClassWeights.resolve("none", Map.of("c", 4.0), CLASSES, new int[] {0}))
        .containsExactly(1f, 1f, 4f);
    assertThat(ClassWeights.resolve("none", Map.of(), CLASSES, new int[] {0})).isNull();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ClassWeights.resolve("none", Map.of("d", 2.0), CLASSES, new int[] {0}))
        .withMessageContaining("config.class_weights")
        .withMessageContaining("'d'");
  }

  @Test
  void theWeightedLossIsTheWeightedMeanOfTheRowsCrossEntropy() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      float[][] logits = {{2f, 0f, 0f}, {0f, 1f, 0f}, {0f, 0f, 3f}};
      int[] y = {0, 2, 2};
      float[] weights = {1f, 1f, 3f};
      double num = 0;
      double den = 0;
      for (int i = 0; i < 3; i++) {
        double z = 0;
        for (float v : logits[i]) {
          z += Math.exp(v);
        }
        double nll = -(logits[i][y[i]] - Math.log(z));
        num += weights[y[i]] * nll;
        den += weights[y[i]];
      }
      NDArray p = manager.create(new float[] {2, 0, 0, 0, 1, 0, 0, 0, 3}).reshape(3, 3);
      NDArray labels = manager.create(new long[] {0, 2, 2});
      float loss =
          new WeightedCrossEntropy(weights).evaluate(new NDList(labels), new NDList(p)).getFloat();
      assertThat((double) loss).isCloseTo(num / den, within(1e-6));
      // All ones: DJL's own mean cross-entropy.
      float plain =
          ai.djl.training.loss.Loss.softmaxCrossEntropyLoss()
              .evaluate(new NDList(labels), new NDList(p))
              .getFloat();
      float ones =
          new WeightedCrossEntropy(new float[] {1, 1, 1})
              .evaluate(new NDList(labels), new NDList(p))
              .getFloat();
      assertThat(ones).isCloseTo(plain, within(1e-6f));
    }
  }
}
