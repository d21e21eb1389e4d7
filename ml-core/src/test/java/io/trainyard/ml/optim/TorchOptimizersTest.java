package io.trainyard.ml.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against its rule from torch.optim's documentation, worked out step by step in
 * double precision here (the weights are float32, hence the tolerance): three updates of two
 * weights with fixed gradients.
 */
class TorchOptimizersTest {

  private static final float[] W0 = {1.0f, -2.0f};
  private static final float[][] GRADS = {{0.5f, -1.0f}, {0.2f, 0.4f}, {-0.3f, 0.1f}};

  private static float[] run(Optimizer optimizer) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray w = manager.create(W0.clone());
      for (float[] grad : GRADS) {
        optimizer.update("w", w, manager.create(grad));
      }
      return w.toFloatArray();
    }
  }

  @Test
  void adagradDividesByTheRootOfTheSummedSquares() {
    double lr = 0.1;
    double wd = 0.01;
    double[] expected = new double[2];
    for (int i = 0; i < 2; i++) {
      double w = W0[i];
      double sum = 0;
      for (float[] grad : GRADS) {
        double g = grad[i] + wd * w;
        sum += g * g;
        w -= lr * g / (Math.sqrt(sum) + 1e-10);
      }
      expected[i] = w;
    }
    float[] w =
        run(
            TorchOptimizers.adagrad()
                .learningRate(Tracker.fixed((float) lr))
                .optWeightDecays((float) wd)
                .build());
    assertThat(w[0]).isCloseTo((float) expected[0], within(1e-6f));
    assertThat(w[1]).isCloseTo((float) expected[1], within(1e-6f));
  }

  @Test
  void rmspropWithAndWithoutMomentum() {
    for (double momentum : new double[] {0, 0.9}) {
      double lr = 0.01;
      double[] expected = new double[2];
      for (int i = 0; i < 2; i++) {
        double w = W0[i];
        double v = 0;
        double buf = 0;
        for (float[] grad : GRADS) {
          double g = grad[i];
          v = 0.99 * v + 0.01 * g * g;
          double scaled = g / (Math.sqrt(v) + 1e-8);
          if (momentum == 0) {
            w -= lr * scaled;
          } else {
            buf = momentum * buf + scaled;
            w -= lr * buf;
          }
        }
        expected[i] = w;
      }
      float[] w =
          run(
              TorchOptimizers.rmsprop()
                  .learningRate(Tracker.fixed((float) lr))
                  .momentum((float) momentum)
                  .build());
      assertThat(w[0]).as("momentum " + momentum).isCloseTo((float) expected[0], within(1e-5f));
      assertThat(w[1]).as("momentum " + momentum).isCloseTo((float) expected[1], within(1e-5f));
    }
  }

  @Test
  void nesterovLooksAheadAlongItsMomentum() {
    double lr = 0.1;
    double m = 0.9;
    double[] expected = new double[2];
    for (int i = 0; i < 2; i++) {
      double w = W0[i];
      double buf = 0;
      boolean first = true;
      for (float[] grad : GRADS) {
        double g = grad[i];
        buf = first ? g : m * buf + g;
        first = false;
        w -= lr * (g + m * buf);
      }
      expected[i] = w;
    }
    float[] w =
        run(
            TorchOptimizers.nesterov()
                .learningRate(Tracker.fixed((float) lr))
                .momentum((float) m)
                .build());
    assertThat(w[0]).isCloseTo((float) expected[0], within(1e-6f));
    assertThat(w[1]).isCloseTo((float) expected[1], within(1e-6f));
  }

  @Test
  void theRateComesFromTheTrackerAtEveryUpdate() {
    // A rate of 0 leaves the weights where they are.
    float[] w = run(TorchOptimizers.adagrad().learningRate(Tracker.fixed(0f)).build());
    assertThat(w).containsExactly(W0);
  }

  @Test
  void nesterovWithoutMomentumAndAMissingRateAreRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TorchOptimizers.nesterov().learningRate(Tracker.fixed(0.1f)).build())
        .withMessageContaining("momentum");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TorchOptimizers.rmsprop().build())
        .withMessageContaining("learning rate");
  }
}
