package io.trainyard.ml.train;

/**
 * Early stopping on a figure to minimise (a loss) or maximise (an accuracy), against the best epoch
 * so far (not the previous one, as DJL's {@code EarlyStoppingListener} does): an epoch improves
 * when it beats the best by more than {@code minDelta} (as Keras and PyTorch Lightning count it),
 * training stops once {@code patience} epochs in a row have not, and the best epoch is the one
 * whose weights to keep.
 */
public final class EarlyStopping {

  private final int patience;
  private final boolean maximise;
  private final double minDelta;
  private int bestEpoch;
  private double best;
  private int epochsWithoutImprovement;

  /**
   * Stops on a loss, any improvement counting.
   *
   * @param patience epochs without a better loss before stopping (at least 1)
   */
  public EarlyStopping(int patience) {
    this(patience, false, 0);
  }

  /**
   * @param patience epochs without an improvement before stopping (at least 1)
   * @param maximise true for a figure to maximise (an accuracy), false for a loss
   * @param minDelta how much better than the best an epoch must be to improve (at least 0)
   */
  public EarlyStopping(int patience, boolean maximise, double minDelta) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
    }
    this.patience = patience;
    this.maximise = maximise;
    this.minDelta = minDelta;
    this.best = maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /**
   * Records the figure of {@code epoch} (1-based, increasing).
   *
   * @return true when it is a new best (better than every earlier one by more than minDelta; the
   *     first finite figure always is); NaN never is
   */
  public boolean record(int epoch, double value) {
    boolean improves =
        !Double.isNaN(value)
            && (bestEpoch == 0
                ? (maximise ? value > best : value < best)
                : (maximise ? value > best + minDelta : value < best - minDelta));
    if (improves) {
      best = value;
      bestEpoch = epoch;
      epochsWithoutImprovement = 0;
      return true;
    }
    epochsWithoutImprovement++;
    return false;
  }

  /** True once {@code patience} epochs in a row have not improved on the best. */
  public boolean shouldStop() {
    return epochsWithoutImprovement >= patience;
  }

  /** The best epoch so far; 0 before any epoch improved. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best figure so far; +∞ (a loss) or −∞ (an accuracy) before any epoch improved. */
  public double best() {
    return best;
  }

  /** Epochs since the best one. */
  public int epochsWithoutImprovement() {
    return epochsWithoutImprovement;
  }
}
