package io.trainyard.contracts.wire;

import io.trainyard.contracts.events.v1.NumericColumn;

/**
 * The decimal form of a {@link NumericColumn}: each number as a 32-bit integer over a power of ten
 * shared by the column's numbers in a chunk ({@code decimals} and {@code scale}), half the bytes of
 * packed doubles. It is lossless by construction: a column takes this form only when dividing each
 * integer by {@code 10^scale} in double precision gives back the very double (sign of zero
 * included), so a reader sees the numbers it would have seen as doubles. Numbers read from CSV text
 * with a few decimals (as most are) qualify; computed ones (scaled features, 1/3) do not, and keep
 * the double form.
 */
public final class Decimals {

  /** The integer that marks a missing value (NaN in the double form). */
  public static final int MISSING = Integer.MIN_VALUE;

  /** The largest scale: a decimal of up to nine digits after the point. */
  public static final int MAX_SCALE = 9;

  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

  private Decimals() {}

  /**
   * The smallest scale at which every number of {@code values[from, from + n)} (NaN aside) is an
   * integer of at most 31 bits over {@code 10^scale} that divides back to the same double; -1 when
   * there is none.
   */
  public static int scale(double[] values, int from, int n) {
    int scale = 0;
    int raisedAt = from;
    for (int i = from; i < from + n; i++) {
      double v = values[i];
      if (v != v) {
        continue;
      }
      while (!exact(v, scale)) {
        if (++scale > MAX_SCALE) {
          return -1;
        }
        raisedAt = i;
      }
    }
    // A number that was exact at a smaller scale is, in exact arithmetic, exact at a larger one
    // too, unless its integer outgrows 31 bits; check the numbers before the last raise again.
    for (int i = from; i < raisedAt; i++) {
      double v = values[i];
      if (v == v && !exact(v, scale)) {
        return -1;
      }
    }
    return scale;
  }

  /** Whether {@code v} is an integer of at most 31 bits over {@code 10^scale}, exactly. */
  static boolean exact(double v, int scale) {
    double u = Math.rint(v * POW10[scale]);
    if (!(Math.abs(u) <= Integer.MAX_VALUE)) {
      return false; // too large, or infinite
    }
    return Double.doubleToRawLongBits((int) u / POW10[scale]) == Double.doubleToRawLongBits(v);
  }

  /** {@code v} in the decimal form at {@code scale} (which {@link #scale} found for it). */
  public static int encode(double v, int scale) {
    return v != v ? MISSING : (int) Math.rint(v * POW10[scale]);
  }

  /** The double of {@code d} at {@code scale}. */
  public static double decode(int d, int scale) {
    return d == MISSING ? Double.NaN : d / POW10[scale];
  }

  /**
   * Decodes {@code n} integers of {@code src} at {@code scale} into {@code dest} from {@code at}.
   */
  public static void decode(int[] src, int n, int scale, double[] dest, int at) {
    double p = POW10[scale];
    for (int i = 0; i < n; i++) {
      int d = src[i];
      dest[at + i] = d == MISSING ? Double.NaN : d / p;
    }
  }

  /** Whether {@code scale} is one a column may carry. */
  public static boolean validScale(long scale) {
    return scale >= 0 && scale <= MAX_SCALE;
  }

  /** The numbers of a column as doubles, whichever form it carries (doubles, decimals, floats). */
  public static double[] values(NumericColumn column) {
    if (column.getFloatsCount() > 0) {
      double[] out = new double[column.getFloatsCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = column.getFloats(i);
      }
      return out;
    }
    if (column.getDecimalsCount() == 0) {
      double[] out = new double[column.getValuesCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = column.getValues(i);
      }
      return out;
    }
    if (!validScale(column.getScale())) {
      throw new IllegalArgumentException("scale " + column.getScale() + " out of 0.." + MAX_SCALE);
    }
    double[] out = new double[column.getDecimalsCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = decode(column.getDecimals(i), column.getScale());
    }
    return out;
  }

  /**
   * A column of {@code values[from, from + n)} in the decimal form where it is lossless, else as
   * doubles; the message {@link ChunkView} and the ingest encoder agree with.
   */
  public static NumericColumn column(String name, double[] values, int from, int n) {
    NumericColumn.Builder b = NumericColumn.newBuilder().setName(name);
    int scale = scale(values, from, n);
    for (int i = from; i < from + n; i++) {
      if (scale < 0) {
        b.addValues(values[i]);
      } else {
        b.addDecimals(encode(values[i], scale));
      }
    }
    return scale <= 0 ? b.build() : b.setScale(scale).build();
  }
}
