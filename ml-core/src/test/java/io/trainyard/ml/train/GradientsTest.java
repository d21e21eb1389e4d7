package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientsTest {

  private static double norm(List<NDArray> grads) {
    double squares = 0;
    for (NDArray g : grads) {
      for (float v : g.toFloatArray()) {
        squares += (double) v * v;
      }
    }
    return Math.sqrt(squares);
  }

  @Test
  void gradientsOverTheLimitAreScaledToItKeepingTheirDirection() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      // Joint norm sqrt(9 + 16 + 144) = 13.
      List<NDArray> grads =
          List.of(manager.create(new float[] {3, 4}), manager.create(new float[] {0, 12}));
      double before = Gradients.clipByGlobalNorm(grads, 1.3);

      assertThat(before).isCloseTo(13, within(1e-6));
      assertThat(norm(grads)).isCloseTo(1.3, within(1e-5));
      assertThat(grads.get(0).toFloatArray())
          .containsExactly(new float[] {0.3f, 0.4f}, within(1e-6f));
      assertThat(grads.get(1).toFloatArray()).containsExactly(new float[] {0, 1.2f}, within(1e-6f));
    }
  }

  @Test
  void gradientsWithinTheLimitAreLeftAlone() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      List<NDArray> grads = List.of(manager.create(new float[] {0.3f, -0.4f}));
      assertThat(Gradients.clipByGlobalNorm(grads, 1)).isCloseTo(0.5, within(1e-6));
      assertThat(grads.get(0).toFloatArray()).containsExactly(0.3f, -0.4f);
    }
  }
}
