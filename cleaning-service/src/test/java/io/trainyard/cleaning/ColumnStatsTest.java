package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnStatsTest {

  private static ColumnStats of(double... values) {
    ColumnStats s = new ColumnStats(10_000, 200);
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  @Test
  void momentsExtremesAndMissingOfTheClassicExample() {
    // 2,4,4,4,5,5,7,9: mean 5; squared deviations 9,1,1,1,0,0,4,16 = 32; 32/8 = 4 -> std 2.
    ColumnStats s = of(9, 4, Double.NaN, 2, 5, 4, 7, 4, 5);
    assertThat(s.count()).isEqualTo(8);
    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.mean()).isCloseTo(5.0, within(1e-12));
    assertThat(s.stddev()).isCloseTo(2.0, within(1e-12));
    assertThat(s.min()).isEqualTo(2.0);
    assertThat(s.max()).isEqualTo(9.0);
  }

  @Test
  void quantilesInterpolateBetweenClosestRanks() {
    // sorted 2,4,4,4,5,5,7,9 (n = 8): median h = 3.5 -> (4 + 5) / 2 = 4.5;
    // q1 h = 1.75 -> 4 + 0.75 * (4 - 4) = 4; q3 h = 5.25 -> 5 + 0.25 * (7 - 5) = 5.5.
    ColumnStats s = of(9, 4, 2, 5, 4, 7, 4, 5);
    assertThat(s.median()).isCloseTo(4.5, within(1e-12));
    assertThat(s.q1()).isCloseTo(4.0, within(1e-12));
    assertThat(s.q3()).isCloseTo(5.5, within(1e-12));
    assertThat(s.exact()).isTrue();
  }

  @Test
  void quantilesOfAnOddCount() {
    // sorted 1,2,3,4,5: median x[2] = 3, q1 x[1] = 2, q3 x[3] = 4; q(0.1) h = 0.4 -> 1.4.
    ColumnStats s = of(5, 3, 1, 4, 2);
    assertThat(s.median()).isEqualTo(3.0);
    assertThat(s.q1()).isEqualTo(2.0);
    assertThat(s.q3()).isEqualTo(4.0);
    assertThat(s.quantile(0.1)).isCloseTo(1.4, within(1e-12));
  }

  @Test
  void welfordStaysAccurateFarFromZero() {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations -6 -3 3 6 -> variance 90 / 4 = 22.5.
    ColumnStats s = of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
    assertThat(s.mean()).isCloseTo(1e9 + 10, within(1e-6));
    assertThat(s.stddev()).isCloseTo(Math.sqrt(22.5), within(1e-6));
  }

  @Test
  void oneValueAndNoValue() {
    ColumnStats one = of(10);
    assertThat(one.stddev()).isEqualTo(0.0);
    assertThat(one.median()).isEqualTo(10.0);
    assertThat(one.q3()).isEqualTo(10.0);

    ColumnStats none = of(Double.NaN, Double.NaN);
    assertThat(none.count()).isZero();
    assertThat(none.missing()).isEqualTo(2);
    assertThat(none.mean()).isNaN();
    assertThat(none.median()).isNaN();
  }

  @Test
  void beyondTheExactLimitQuantilesComeFromTheDigest() {
    // 1..100000 in random order. Mean (n + 1) / 2 = 50000.5; population variance (n^2 - 1) / 12;
    // type-7 quantiles: median 50000.5, q1 = 1 + 0.25 * 99999 = 25000.75, q3 = 75000.25.
    List<Double> values = new ArrayList<>();
    for (int i = 1; i <= 100_000; i++) {
      values.add((double) i);
    }
    Collections.shuffle(values, new Random(7));
    ColumnStats s = new ColumnStats(1_000, 200);
    values.forEach(s::add);
    assertThat(s.exact()).isFalse();
    assertThat(s.count()).isEqualTo(100_000);
    assertThat(s.mean()).isCloseTo(50_000.5, within(1e-6));
    assertThat(s.stddev()).isCloseTo(Math.sqrt((1e10 - 1) / 12), within(1e-6));
    // t-digest: well under 0.5 % of the range.
    assertThat(s.median()).isCloseTo(50_000.5, within(500.0));
    assertThat(s.q1()).isCloseTo(25_000.75, within(500.0));
    assertThat(s.q3()).isCloseTo(75_000.25, within(500.0));
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(100_000.0);
  }

  @Test
  void momentsAndSketchFedApartGiveWhatTheyGiveTogether() {
    double[] values = {9, 4, Double.NaN, 2, 5, 4, 7, 4, 5};
    ColumnStats apart = new ColumnStats(10_000, 200);
    for (double v : values) {
      apart.addMoments(v);
    }
    assertThat(apart.median()).isNaN(); // nothing sketched yet
    for (double v : values) {
      apart.addQuantile(v);
    }
    assertThat(apart.count()).isEqualTo(8);
    assertThat(apart.missing()).isEqualTo(1);
    assertThat(apart.mean()).isCloseTo(5.0, within(1e-12));
    assertThat(apart.median()).isCloseTo(4.5, within(1e-12));
    assertThat(apart.q3()).isCloseTo(5.5, within(1e-12));
  }

  @Test
  void binnedDigestMatchesSortedQuantilesAndKeepsOutliersOutOfTheBins() {
    // 200000 standard normal values plus 50 far outliers (1e6): the sorted array gives the true
    // type-7 quantiles; bins of 1/512 sd over mean -/+ 8 sd feed the digest.
    Random random = new Random(11);
    int n = 200_050;
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i < 200_000 ? random.nextGaussian() : 1e6;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);

    ColumnStats s = new ColumnStats(1_000, 200);
    for (double v : values) {
      s.addMoments(v);
    }
    // the range of most values, as pass 1 knows it: here around 0 with sd 1 (the outliers inflate
    // the sample sd, so take the bulk's range directly)
    s.binQuantiles(-8, 8, 8192);
    for (double v : values) {
      s.addQuantile(v);
    }
    for (double q : new double[] {0.25, 0.5, 0.75}) {
      double h = (n - 1) * q;
      int lo = (int) Math.floor(h);
      double expected = sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
      // a t-digest of compression 200 near the middle: well within 0.01 sd
      assertThat(s.quantile(q)).as("q%.2f", q).isCloseTo(expected, within(0.01));
    }
    assertThat(s.max()).isEqualTo(1e6);
    assertThat(s.quantile(1.0)).isEqualTo(1e6);
  }

  @Test
  void batchesGiveWhatOneByOneGives() {
    // Batches of random sizes (some all missing or not taken), far from zero, with the digest's
    // bins set once the exact values overflow: counts, extremes and quantiles are the same; the
    // moments agree to rounding (1e-14 of the values), and both with the truth.
    Random rnd = new Random(5);
    ColumnStats one = new ColumnStats(3_000, 100);
    ColumnStats batched = new ColumnStats(3_000, 100);
    one.autoBin(8, 4096);
    batched.autoBin(8, 4096);
    List<Double> kept = new ArrayList<>();
    for (int b = 0; b < 60; b++) {
      int n = rnd.nextInt(400);
      double[] values = new double[n];
      boolean[] take = new boolean[n];
      for (int i = 0; i < n; i++) {
        values[i] = rnd.nextInt(20) == 0 ? Double.NaN : 1e6 + rnd.nextGaussian() * 3;
        take[i] = b % 7 != 3 && rnd.nextInt(4) != 0;
        if (take[i]) {
          one.add(values[i]);
          if (!Double.isNaN(values[i])) {
            kept.add(values[i]);
          }
        }
      }
      batched.addAll(values, take, n);
    }
    assertThat(batched.exact()).isFalse();
    assertThat(batched.count()).isEqualTo(one.count()).isEqualTo(kept.size());
    assertThat(batched.missing()).isEqualTo(one.missing()).isPositive();
    assertThat(batched.min()).isEqualTo(one.min()).isEqualTo(Collections.min(kept));
    assertThat(batched.max()).isEqualTo(one.max()).isEqualTo(Collections.max(kept));
    double mean = kept.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = kept.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / kept.size();
    assertThat(batched.mean()).isCloseTo(mean, within(1e-8)).isCloseTo(one.mean(), within(1e-8));
    assertThat(batched.stddev())
        .isCloseTo(Math.sqrt(var), within(1e-9))
        .isCloseTo(one.stddev(), within(1e-9));
    for (double q : new double[] {0.01, 0.25, 0.5, 0.75, 0.99}) {
      double expected = one.quantile(q);
      assertThat(batched.quantile(q)).isEqualTo(expected);
    }
  }

  @Test
  void flushingTheBinsKeepsEveryValueOnce() {
    // However few values the bins hold when they are flushed (one, two, both extremes in one bin,
    // many), the digest ends up holding each sketched value once.
    for (int extra : new int[] {1, 2, 3, 10, 5000}) {
      ColumnStats s = new ColumnStats(100, 100);
      s.autoBin(8, 256);
      Random rnd = new Random(extra);
      for (int i = 0; i < 100; i++) {
        s.add(rnd.nextGaussian());
      }
      // The 101st value overflows the exact values into the digest, binned; flush them.
      s.add(0.25);
      assertThat(s.sketchWeight()).isEqualTo(101);
      for (int i = 0; i < extra; i++) {
        s.add(extra == 2 ? 0.5 + i * 1e-9 : rnd.nextGaussian());
      }
      assertThat(s.sketchWeight()).as("%d more", extra).isEqualTo(101 + extra);
      assertThat(s.quantile(0.0)).isEqualTo(s.min());
      assertThat(s.quantile(1.0)).isEqualTo(s.max());
    }
  }
}
