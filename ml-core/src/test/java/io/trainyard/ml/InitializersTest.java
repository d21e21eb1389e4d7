package io.trainyard.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InitializersTest {

  @Test
  void kaimingDrawsFromANormalWithVarianceTwoOverFanIn() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      manager.getEngine().setRandomSeed(3);
      // A Linear layer's weight is (out, in): fan_in 400, std sqrt(2 / 400) = 0.0707.
      NDArray w =
          Initializers.of(Initializers.KAIMING)
              .initialize(manager, new Shape(500, 400), DataType.FLOAT32);
      float[] v = w.toFloatArray();
      double mean = 0;
      for (float x : v) {
        mean += x;
      }
      mean /= v.length;
      double var = 0;
      for (float x : v) {
        var += (x - mean) * (x - mean);
      }
      double std = Math.sqrt(var / v.length);
      assertThat(mean).isCloseTo(0, within(0.001));
      assertThat(std).isCloseTo(Math.sqrt(2.0 / 400), within(0.001));
    }
  }
}
