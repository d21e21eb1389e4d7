package io.trainyard.cleaning;

import com.tdunning.math.stats.TDigest;
import java.util.Arrays;

/**
 * Statistics of one numeric column over the values it is fed (the training rows): count, missing
 * (NaN), mean and population standard deviation (Welford's online algorithm), min, max, and
 * quantiles.
 *
 * <p>The moments and the quantile sketch can be fed together ({@link #add}) or apart ({@link
 * #addMoments}, {@link #addQuantile}).
 *
 * <p>Quantiles are exact (linear interpolation between closest ranks, the default of numpy and R's
 * type 7) while the column has at most {@code exactLimit} values; beyond that the values go into a
 * t-digest and quantiles are approximate, so memory stays bounded whatever the data set's size.
 */
public final class ColumnStats {

  private final int exactLimit;
  private final double compression;

  private long count;
  private long missing;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  private long sketched;
  private double[] exact = new double[16];
  private boolean sorted;
  private TDigest digest;
  private int[] bins;
  private double binLower;
  private double binScale;
  private boolean binned;

  /** The least and greatest values counted in the bins since they were last flushed. */
  private double binnedMin = Double.POSITIVE_INFINITY;

  private double binnedMax = Double.NEGATIVE_INFINITY;
  private double autoSigmas;
  private int autoBins;

  /**
   * @param exactLimit values kept for exact quantiles before switching to a t-digest
   * @param compression the t-digest's compression (about 100: a few kilobytes, under 1% error)
   */
  public ColumnStats(int exactLimit, double compression) {
    this.exactLimit = Math.max(0, exactLimit);
    this.compression = compression;
  }

  /** Adds one value; NaN counts as missing. */
  public void add(double v) {
    addMoments(v);
    addQuantile(v);
  }

  /**
   * Adds the values of {@code values[0..n)} whose {@code take} is set, as {@link #add} would one by
   * one in order, except that the moments take the batch at once: its mean and sum of squared
   * deviations (two passes over the batch), merged into the running ones by Chan, Golub and
   * LeVeque's formula. That is as accurate as Welford's update and has no division per value (a
   * division is the dearest step of the per-value update). The quantile sketch takes the values one
   * by one, as {@link #addQuantile}.
   */
  public void addAll(double[] values, boolean[] take, int n) {
    long k = 0;
    long nan = 0;
    double sum = 0;
    double lo = min;
    double hi = max;
    for (int i = 0; i < n; i++) {
      if (take[i]) {
        double v = values[i];
        if (v != v) {
          nan++;
        } else {
          k++;
          sum += v;
          if (v < lo) {
            lo = v;
          }
          if (v > hi) {
            hi = v;
          }
        }
      }
    }
    missing += nan;
    if (k == 0) {
      return;
    }
    double batchMean = sum / k;
    double batchM2 = 0;
    for (int i = 0; i < n; i++) {
      if (take[i]) {
        double d = values[i] - batchMean;
        if (d == d) {
          batchM2 += d * d;
        }
      }
    }
    long total = count + k;
    double delta = batchMean - mean;
    mean += delta * k / total;
    m2 += batchM2 + delta * delta * ((double) count * k / total);
    count = total;
    min = lo;
    max = hi;
    for (int i = 0; i < n; i++) {
      if (take[i]) {
        addQuantile(values[i]);
      }
    }
  }

  /** Adds one value to the count, missing count, moments and extremes only. */
  public void addMoments(double v) {
    if (Double.isNaN(v)) {
      missing++;
      return;
    }
    count++;
    double delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }

  /**
   * Adds one value to the quantile sketch only (NaN is ignored). Lets the sketch be fed apart from
   * the moments, on another pass or thread, when the quantiles are not needed at once.
   */
  public void addQuantile(double v) {
    if (Double.isNaN(v)) {
      return;
    }
    sketched++;
    if (digest != null) {
      sketch(v);
      return;
    }
    if (sketched > exactLimit) {
      digest = TDigest.createMergingDigest(compression);
      if (autoBins > 0 && bins == null) {
        binAroundExactValues((int) sketched - 1);
      }
      for (int i = 0; i < sketched - 1; i++) {
        sketch(exact[i]);
      }
      exact = null;
      sketch(v);
      return;
    }
    if (sketched > exact.length) {
      exact =
          Arrays.copyOf(exact, (int) Math.min((long) exact.length * 2, Math.max(exactLimit, 16)));
    }
    exact[(int) sketched - 1] = v;
    sorted = false;
  }

  /**
   * Pre-aggregates the t-digest's input once the range of most values is known (after a first
   * pass): values inside [{@code lower}, {@code upper}) are counted in {@code binCount} equal bins
   * and enter the digest as one weighted point per bin when quantiles are asked for; values outside
   * enter it one by one. A digest fed one value at a time sorts its buffer over and over; a bin is
   * one increment. The bins quantize values to (upper - lower) / binCount, far below the digest's
   * own resolution. Has no effect while quantiles are exact, or when the range is empty.
   */
  public void binQuantiles(double lower, double upper, int binCount) {
    if (!(upper > lower) || binCount <= 0 || !Double.isFinite(upper - lower)) {
      return;
    }
    flushBins();
    binLower = lower;
    binScale = binCount / (upper - lower);
    bins = new int[binCount];
  }

  /**
   * Pre-aggregates the digest's input without a first pass (see {@link #binQuantiles}): when the
   * exact values overflow into the digest, the bins are set to their mean -/+ {@code sigmas}
   * standard deviations. The first {@code exactLimit} values stand in for the whole column, so a
   * column whose range drifts later still gets exact-enough quantiles (values outside the bins go
   * to the digest one by one), just at the digest's own cost. For statistics fed in one pass, as
   * the chunks stream in.
   */
  public void autoBin(double sigmas, int binCount) {
    this.autoSigmas = sigmas;
    this.autoBins = binCount;
  }

  private void binAroundExactValues(int n) {
    double m = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double d = exact[i] - m;
      m += d / (i + 1);
      s2 += d * (exact[i] - m);
    }
    double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, s2 / n));
    if (sd > 0) {
      binQuantiles(m - autoSigmas * sd, m + autoSigmas * sd, autoBins);
    }
  }

  private void sketch(double v) {
    if (bins != null) {
      double at = (v - binLower) * binScale;
      if (at >= 0 && at < bins.length) {
        int k = (int) at;
        if (bins[k] < Integer.MAX_VALUE) {
          bins[k]++;
          binned = true;
          binnedMin = Math.min(binnedMin, v);
          binnedMax = Math.max(binnedMax, v);
          return;
        }
      }
    }
    digest.add(v);
  }

  /**
   * Hands the bins to the digest, one weighted point per bin at its centre, except that the least
   * and the greatest binned values go in first as points of their own and the bins' points lie
   * strictly between them: the digest's extreme centroids stay single points, as its interpolation
   * at the tails assumes (and t-digest asserts).
   */
  private void flushBins() {
    if (!binned) {
      return;
    }
    long total = 0;
    for (int w : bins) {
      total += w;
    }
    double lo = binnedMin;
    double hi = binnedMax;
    digest.add(lo, 1);
    if (total >= 2) {
      digest.add(hi, 1);
    }
    int loBin = (int) ((lo - binLower) * binScale);
    int hiBin = (int) ((hi - binLower) * binScale);
    double inLo = Math.nextUp(lo);
    double inHi = Math.nextDown(hi);
    for (int k = 0; k < bins.length; k++) {
      int w = bins[k];
      if (w == 0) {
        continue;
      }
      bins[k] = 0;
      if (k == loBin) {
        w--;
      }
      if (k == hiBin && total >= 2) {
        w--;
      }
      if (w > 0) {
        double centre = binLower + (k + 0.5) / binScale;
        digest.add(inLo <= inHi ? Math.max(inLo, Math.min(inHi, centre)) : lo, w);
      }
    }
    binned = false;
    binnedMin = Double.POSITIVE_INFINITY;
    binnedMax = Double.NEGATIVE_INFINITY;
  }

  /** The weight the quantile sketch holds (its bins flushed first); for tests. */
  long sketchWeight() {
    if (digest == null) {
      return sketched;
    }
    flushBins();
    return digest.size();
  }

  /** Non-missing values seen. */
  public long count() {
    return count;
  }

  /** Missing (NaN) values seen. */
  public long missing() {
    return missing;
  }

  /** Mean of the non-missing values; NaN when there are none. */
  public double mean() {
    return count == 0 ? Double.NaN : mean;
  }

  /** Population standard deviation (divides by n, as sklearn's StandardScaler); NaN when empty. */
  public double stddev() {
    return count == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2 / count));
  }

  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /** True while quantiles are exact. */
  public boolean exact() {
    return digest == null;
  }

  /** The {@code q} quantile (0..1) of the non-missing values; NaN when there are none. */
  public double quantile(double q) {
    if (sketched == 0) {
      return Double.NaN;
    }
    if (digest != null) {
      flushBins();
      return Math.max(digest.getMin(), Math.min(digest.getMax(), digest.quantile(q)));
    }
    int n = (int) sketched;
    if (!sorted) {
      Arrays.sort(exact, 0, n);
      sorted = true;
    }
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return exact[lo] + (h - lo) * (exact[hi] - exact[lo]);
  }

  public double median() {
    return quantile(0.5);
  }

  public double q1() {
    return quantile(0.25);
  }

  public double q3() {
    return quantile(0.75);
  }
}
