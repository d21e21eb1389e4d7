package io.trainyard.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trainer does to the gradients between the backward pass and the optimizer's step: the L1
 * penalty's subgradient on the weights, then clipping by the global norm as PyTorch's {@code
 * clip_grad_norm_} does (every gradient scaled by {@code max / (norm + 1e-6)} when their joint L2
 * norm is above {@code max}). Both change the gradients in place.
 */
final class Gradients {

  private Gradients() {}

  /** Adds {@code l1 * sign(w)} to the gradient of every weight (biases are left alone). */
  static void addL1(Block block, double l1) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter parameter = p.getValue();
      if (parameter.getType() == Parameter.Type.WEIGHT && parameter.isInitialized()) {
        NDArray w = parameter.getArray();
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          w.getGradient().addi(w.sign().muli(l1));
        }
      }
    }
  }

  /** The gradients of every initialized parameter of {@code block}. */
  static List<NDArray> of(Block block) {
    List<NDArray> grads = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().isInitialized()) {
        grads.add(p.getValue().getArray().getGradient());
      }
    }
    return grads;
  }

  /**
   * Scales {@code grads} so that their joint L2 norm is at most {@code max}.
   *
   * @return their joint norm before
   */
  static double clipByGlobalNorm(List<NDArray> grads, double max) {
    double norm;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double squares = 0;
      for (NDArray g : grads) {
        squares +=
            g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
      }
      norm = Math.sqrt(squares);
      if (norm > max) {
        float scale = (float) (max / (norm + 1e-6));
        for (NDArray g : grads) {
          g.muli(scale);
        }
      }
    }
    return norm;
  }
}
