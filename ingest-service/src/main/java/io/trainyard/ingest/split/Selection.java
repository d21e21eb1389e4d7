package io.trainyard.ingest.split;

/**
 * The k-th smallest of a range of longs in expected linear time (Hoare's selection, "quickselect",
 * with a median-of-three pivot), reordering the range in place so that everything before index k is
 * at most the selected value and everything after it at least.
 */
final class Selection {

  private Selection() {}

  /**
   * Rearranges {@code a[from, to)} so that {@code a[k]} holds the value that would be there were
   * the range sorted, with no larger value before it and no smaller one after it; returns it.
   */
  static long select(long[] a, int from, int to, int k) {
    if (k < from || k >= to) {
      throw new IllegalArgumentException("k=" + k + " outside [" + from + ", " + to + ")");
    }
    int lo = from;
    int hi = to - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Median of three at mid, with a[lo] <= a[mid] <= a[hi] afterwards.
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      long pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      // Now a[lo..j] <= pivot, a[i..hi] >= pivot, and a[j+1..i-1] == pivot.
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(long[] a, int i, int j) {
    long t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
