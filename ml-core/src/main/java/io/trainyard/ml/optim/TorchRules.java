package io.trainyard.ml.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base of the optimizers whose update rule the platform writes itself: DJL's PyTorch engine has
 * no update operator for them (its {@code rmsprop}, {@code adagrad} and {@code nag} builders fail
 * there with "Not implemented"), so each applies PyTorch's documented rule with NDArray operations.
 * The gradient is rescaled as DJL's own optimizers rescale it, then L2 weight decay is added to it
 * as {@code torch.optim} does ({@code g = grad + weight_decay * w}); the weights change in place.
 */
public abstract class TorchRules extends Optimizer {

  private final ParameterTracker learningRate;
  private final Map<String, Map<Device, NDArray>> first = new ConcurrentHashMap<>();
  private final Map<String, Map<Device, NDArray>> second = new ConcurrentHashMap<>();

  TorchRules(Builder builder) {
    super(builder);
    this.learningRate = builder.learningRate;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
    // The state lives as long as the weights (their manager); made before the scope below.
    NDArray a = withDefaultState(first, parameterId, weight.getDevice(), k -> weight.zerosLike());
    NDArray b = withDefaultState(second, parameterId, weight.getDevice(), k -> weight.zerosLike());
    // Every intermediate array of one update is freed when it is done: they would otherwise stay
    // in the weights' manager for the whole run.
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray g = grad.mul(rescaleGrad);
      float wd = getWeightDecay();
      if (wd != 0) {
        g = g.add(weight.mul(wd));
      }
      weight.subi(step(g, a, b, lr));
    }
  }

  /**
   * The change to subtract from the weights for gradient {@code g} (weight decay included),
   * updating this parameter's two state arrays in place (both start at zero).
   */
  abstract NDArray step(NDArray g, NDArray first, NDArray second, float lr);

  /** A builder for one of these optimizers. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    private final String name;
    private ParameterTracker learningRate;
    private float momentum;

    Builder(String name) {
      this.name = name;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public Builder learningRate(ParameterTracker tracker) {
      this.learningRate = tracker;
      return this;
    }

    public Builder momentum(float momentum) {
      this.momentum = momentum;
      return this;
    }

    float momentum() {
      return momentum;
    }

    public Optimizer build() {
      if (learningRate == null) {
        throw new IllegalArgumentException(name + ": a learning rate tracker is needed");
      }
      return switch (name) {
        case TorchOptimizers.RMSPROP -> new RmsProp(this);
        case TorchOptimizers.ADAGRAD -> new Adagrad(this);
        case TorchOptimizers.NESTEROV -> new NesterovSgd(this);
        default -> throw new IllegalArgumentException("no optimizer " + name);
      };
    }
  }
}
