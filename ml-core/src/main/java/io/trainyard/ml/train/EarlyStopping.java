package io.trainyard.ml.train;

/**
 * Early stopping on a loss to minimize, against the best epoch so far (not the previous one, as
 * DJL's {@code EarlyStoppingListener} does): training stops once {@code patience} epochs in a row
 * have not beaten the best loss, and the best epoch is the one whose weights to keep.
 */
public final class EarlyStopping {

  private final int patience;
  private int bestEpoch;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int epochsWithoutImprovement;

  /**
   * @param patience epochs without a better loss before stopping (at least 1)
   */
  public EarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, got " + patience);
    }
    this.patience = patience;
  }

  /**
   * Records the loss of {@code epoch} (1-based, increasing).
   *
   * @return true when it is a new best (strictly lower than every earlier loss); NaN never is
   */
  public boolean record(int epoch, double loss) {
    if (!Double.isNaN(loss) && loss < bestLoss) {
      bestLoss = loss;
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

  /** The best loss so far; +∞ before any epoch improved. */
  public double bestLoss() {
    return bestLoss;
  }

  /** Epochs since the best one. */
  public int epochsWithoutImprovement() {
    return epochsWithoutImprovement;
  }
}
