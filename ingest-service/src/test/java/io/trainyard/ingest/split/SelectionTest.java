package io.trainyard.ingest.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void selectsWhatSortingWouldPutAtTheRankAndPartitionsAroundIt() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + random.nextInt(300);
      // Few distinct values in some trials, so that ties around the rank are common.
      int distinct = random.nextBoolean() ? 1 + random.nextInt(4) : Integer.MAX_VALUE;
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = distinct == Integer.MAX_VALUE ? random.nextLong() : random.nextInt(distinct);
      }
      long[] sorted = a.clone();
      Arrays.sort(sorted);
      int from = random.nextInt(n);
      int k = from + random.nextInt(n - from);
      // The range from `from` on must hold the largest values, as a previous selection leaves it.
      long[] work = sorted.clone();
      shuffle(work, 0, from, random);
      shuffle(work, from, n, random);

      long selected = Selection.select(work, from, n, k);

      assertThat(selected).isEqualTo(sorted[k]);
      assertThat(work[k]).isEqualTo(sorted[k]);
      for (int i = from; i < k; i++) {
        assertThat(work[i]).isLessThanOrEqualTo(selected);
      }
      for (int i = k + 1; i < n; i++) {
        assertThat(work[i]).isGreaterThanOrEqualTo(selected);
      }
      long[] after = work.clone();
      Arrays.sort(after);
      assertThat(after).isEqualTo(sorted); // a permutation: nothing lost or duplicated
    }
  }

  @Test
  void refusesARankOutsideTheRange() {
    assertThatThrownBy(() -> Selection.select(new long[] {3, 1, 2}, 1, 3, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Selection.select(new long[] {3, 1, 2}, 0, 3, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void shuffle(long[] a, int from, int to, SplittableRandom random) {
    for (int i = to - 1; i > from; i--) {
      int j = from + random.nextInt(i - from + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
