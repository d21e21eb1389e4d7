package io.trainyard.ml.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code buf = momentum buf + g} (on the first step {@code buf = g}); {@code w -= lr (g + momentum
 * buf)}.
 */
final class NesterovSgd extends TorchRules {

  private final float momentum;

  NesterovSgd(Builder builder) {
    super(builder);
    if (!(builder.momentum() > 0)) {
      throw new IllegalArgumentException("nesterov needs a momentum above 0");
    }
    this.momentum = builder.momentum();
  }

  @Override
  NDArray step(NDArray g, NDArray buf, NDArray unused, float lr) {
    // buf starts at zero, so momentum * 0 + g is PyTorch's first-step buf = g.
    buf.muli(momentum).addi(g);
    return g.add(buf.mul(momentum)).muli(lr);
  }
}
