package io.trainyard.ml.optim;

/**
 * RMSprop, Adagrad and SGD with Nesterov momentum as {@code torch.optim} defines them, for DJL's
 * PyTorch engine (see {@link TorchRules} for why they are written here).
 */
public final class TorchOptimizers {

  public static final String RMSPROP = "rmsprop";
  public static final String ADAGRAD = "adagrad";
  public static final String NESTEROV = "nesterov";

  private TorchOptimizers() {}

  /** {@code torch.optim.RMSprop} with alpha 0.99, eps 1e-8, not centered. */
  public static TorchRules.Builder rmsprop() {
    return new TorchRules.Builder(RMSPROP);
  }

  /** {@code torch.optim.Adagrad} with eps 1e-10, no rate decay, accumulators starting at 0. */
  public static TorchRules.Builder adagrad() {
    return new TorchRules.Builder(ADAGRAD);
  }

  /** {@code torch.optim.SGD(nesterov=True)}, dampening 0; needs a momentum above 0. */
  public static TorchRules.Builder nesterov() {
    return new TorchRules.Builder(NESTEROV);
  }
}
