package io.trainyard.ml;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import java.util.Set;

/**
 * The model families a pipeline spec may name, built as DJL blocks. One family in this version:
 * {@code mlp}, a multi-layer perceptron with one {@code Linear + ReLU} per hidden layer and a last
 * {@code Linear} to the classes (logits; the loss and the predictor apply the softmax).
 */
public final class ModelFamilies {

  /** The multi-layer perceptron. */
  public static final String MLP = "mlp";

  /** Every family this version can build. */
  public static final Set<String> ALL = Set.of(MLP);

  private ModelFamilies() {}

  /**
   * A new, uninitialized block of {@code family}.
   *
   * @param hiddenUnits units per hidden layer, input side first
   * @param classes the number of output classes
   * @throws IllegalArgumentException for an unknown family or a bad shape
   */
  public static Block build(String family, List<Integer> hiddenUnits, int classes) {
    return build(family, hiddenUnits, classes, 0);
  }

  /**
   * A new, uninitialized block of {@code family} with dropout at {@code rate} after each hidden
   * layer (none at 0). Dropout is active in training only; it has no parameters, but the block that
   * reads a model's parameters back must have it too (it is part of the parameter stream's layout).
   */
  public static Block build(String family, List<Integer> hiddenUnits, int classes, double rate) {
    if (!MLP.equals(family)) {
      throw new IllegalArgumentException(
          "unknown model family '" + family + "'; known: " + ALL.stream().sorted().toList());
    }
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout must be >= 0 and below 1, got " + rate);
    }
    SequentialBlock block = new SequentialBlock();
    for (int units : hiddenLayers(hiddenUnits, classes)) {
      block.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
      if (rate > 0) {
        block.add(Dropout.builder().optRate((float) rate).build());
      }
    }
    block.add(Linear.builder().setUnits(classes).build());
    return block;
  }

  /** {@code Linear(h1) ReLU … Linear(hn) ReLU Linear(classes)}. */
  public static SequentialBlock mlp(List<Integer> hiddenUnits, int classes) {
    return (SequentialBlock) build(MLP, hiddenUnits, classes, 0);
  }

  private static List<Integer> hiddenLayers(List<Integer> hiddenUnits, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
    if (hiddenUnits == null || hiddenUnits.isEmpty()) {
      throw new IllegalArgumentException("an mlp needs at least one hidden layer");
    }
    for (int units : hiddenUnits) {
      if (units < 1) {
        throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + hiddenUnits);
      }
    }
    return hiddenUnits;
  }
}
