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
    return new Builder(features, 64);
  }

  /**
   * A new builder for {@code features} columns, sized for {@code expectedRows} rows: when that many
   * come, the split is built in arrays of exactly its size, never copied (a split may be most of
   * the heap).
   */
  public static Builder builder(int features, int expectedRows) {
    return new Builder(features, Math.max(1, expectedRows));
  }

  /** Gathers batches (such as replayed PreparedBatches) into one split. */
  public static final class Builder {
    private final int features;
    private int[] y;
    private float[] x;
    private int rows;

    private Builder(int features, int capacity) {
      if (features < 1) {
        throw new IllegalArgumentException("features must be >= 1, got " + features);
      }
      this.features = features;
      this.y = new int[capacity];
      this.x = new float[Math.multiplyExact(capacity, features)];
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
      if (rows == y.length) {
        return new TrainingData(x, y, features); // sized right: no second copy of the split
      }
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
