package io.trainyard.testsupport;

import io.trainyard.contracts.events.v1.Split;
import java.util.Arrays;

/**
 * The rows of one split, standardized, in row id order: the shape of {@code ml-core}'s {@code
 * TrainingData} ({@code new TrainingData(rows.x(), rows.y(), rows.features())}) and of the
 * PreparedBatches built from them.
 *
 * @param split which split
 * @param x rows × features float32 values, row-major
 * @param y class index per row (into the data set's classes)
 * @param rowIds 1-based row id per row (the data row's number in the file)
 * @param features values per row
 */
public record SplitRows(Split split, float[] x, int[] y, long[] rowIds, int features) {

  public SplitRows {
    if ((long) y.length * features != x.length || rowIds.length != y.length) {
      throw new IllegalArgumentException(
          y.length + " labels, " + rowIds.length + " row ids, " + x.length + " values");
    }
  }

  /** Number of rows. */
  public int rows() {
    return y.length;
  }

  /** Row {@code i}'s features, as a fresh array. */
  public float[] row(int i) {
    return Arrays.copyOfRange(x, i * features, (i + 1) * features);
  }

  /** Every row as its own array (what a predictor takes). */
  public float[][] rowArrays() {
    float[][] out = new float[rows()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = row(i);
    }
    return out;
  }
}
