package io.trainyard.ml.optim;

import ai.djl.ndarray.NDArray;

/** {@code sum += g^2}; {@code w -= lr g / (sqrt(sum) + eps)}. */
final class Adagrad extends TorchRules {

  static final float EPS = 1e-10f;

  Adagrad(Builder builder) {
    super(builder);
  }

  @Override
  NDArray step(NDArray g, NDArray sum, NDArray unused, float lr) {
    sum.addi(g.square());
    return g.div(sum.sqrt().addi(EPS)).muli(lr);
  }
}
