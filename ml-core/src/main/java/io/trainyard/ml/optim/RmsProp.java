package io.trainyard.ml.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code v = alpha v + (1 - alpha) g^2}; without momentum {@code w -= lr g / (sqrt(v) + eps)}, with
 * it {@code buf = momentum buf + g / (sqrt(v) + eps)} and {@code w -= lr buf}.
 */
final class RmsProp extends TorchRules {

  static final float ALPHA = 0.99f;
  static final float EPS = 1e-8f;

  private final float momentum;

  RmsProp(Builder builder) {
    super(builder);
    this.momentum = builder.momentum();
  }

  @Override
  NDArray step(NDArray g, NDArray v, NDArray buf, float lr) {
    v.muli(ALPHA).addi(g.square().muli(1 - ALPHA));
    NDArray scaled = g.div(v.sqrt().addi(EPS));
    if (momentum == 0) {
      return scaled.muli(lr);
    }
    buf.muli(momentum).addi(scaled);
    return buf.mul(lr);
  }
}
