package io.trainyard.testsupport;

import java.util.Arrays;

/**
 * Standard scaling as the cleaning stage does it: {@code (x − mean) / std} per column, with the
 * mean and the population standard deviation of the rows it was fitted on (the training rows); a
 * column whose standard deviation is 0 is divided by 1.
 */
public final class Standardizer {

  private final double[] mean;
  private final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * Fits the per-column mean and population standard deviation of {@code rows} (two passes).
   *
   * @throws IllegalArgumentException when there are no rows or they differ in width
   */
  public static Standardizer fit(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("cannot standardize with no rows");
    }
    int f = rows[0].length;
    double[] mean = new double[f];
    for (double[] row : rows) {
      if (row.length != f) {
        throw new IllegalArgumentException("rows of " + row.length + " and " + f + " columns");
      }
      for (int j = 0; j < f; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < f; j++) {
      mean[j] /= rows.length;
    }
    double[] std = new double[f];
    for (double[] row : rows) {
      for (int j = 0; j < f; j++) {
        double d = row[j] - mean[j];
        std[j] += d * d;
      }
    }
    for (int j = 0; j < f; j++) {
      std[j] = Math.sqrt(std[j] / rows.length);
      if (std[j] == 0) {
        std[j] = 1;
      }
    }
    return new Standardizer(mean, std);
  }

  /** The fitted means, per column. */
  public double[] mean() {
    return mean.clone();
  }

  /** The fitted standard deviations, per column (1 where the column was constant). */
  public double[] std() {
    return std.clone();
  }

  /** {@code row} standardized, as float32 (the width of PreparedBatch values). */
  public float[] apply(double[] row) {
    if (row.length != mean.length) {
      throw new IllegalArgumentException(
          "a row of " + row.length + " columns, fitted on " + mean.length);
    }
    float[] out = new float[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (float) ((row[j] - mean[j]) / std[j]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Standardizer[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
