package io.trainyard.ml.train;

import java.util.Arrays;

/**
 * A split held in memory: dense float32 features row-major and one class index per row.
 *
 * @param x rows × features values, row-major
 * @param y class index per row
 * @param features columns per row
 */
public record TrainingData(float[] x, int[] y, int features) {

  public TrainingData {
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, got " + features);
    }
    if ((long) y.length * features != x.length) {
      throw new IllegalArgumentException(
          "x holds " + x.length + " values, expected " + y.length + " rows × " + features);
    }
  }

  /** Number of rows. */
  public int rows() {
    return y.length;
  }

  /** Row {@code i} as a fresh array. */
  public float[] row(int i) {
    return Arrays.copyOfRange(x, i * features, (i + 1) * features);
  }

  /** A new builder for {@code features} columns. */
  public static Builder builder(int features) {
    return new Builder(features);
  }

  /** Gathers batches (such as replayed PreparedBatches) into one split. */
  public static final class Builder {
    private final int features;
    private int[] y = new int[64];
    private float[] x;
    private int rows;

    private Builder(int features) {
      if (features < 1) {
        throw new IllegalArgumentException("features must be >= 1, got " + features);
      }
      this.features = features;
      this.x = new float[Math.multiplyExact(y.length, features)];
    }

    /** Appends {@code labels.length} rows whose features are {@code values} (row-major). */
    public Builder add(float[] values, int[] labels) {
      if ((long) labels.length * features != values.length) {
        throw new IllegalArgumentException(
            "a batch of "
                + labels.length
                + " rows needs "
                + (long) labels.length * features
                + " values, got "
                + values.length);
      }
      ensure(rows + labels.length);
      System.arraycopy(values, 0, x, rows * features, values.length);
      System.arraycopy(labels, 0, y, rows, labels.length);
      rows += labels.length;
      return this;
    }

    public int rows() {
      return rows;
    }

    public TrainingData build() {
      return new TrainingData(Arrays.copyOf(x, rows * features), Arrays.copyOf(y, rows), features);
    }

    private void ensure(int wanted) {
      if (wanted > y.length) {
        int size = Math.max(wanted, y.length * 2);
        y = Arrays.copyOf(y, size);
        x = Arrays.copyOf(x, Math.multiplyExact(size, features));
      }
    }
  }
}
