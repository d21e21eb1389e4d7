package io.trainyard.cleaning;

import java.util.HashMap;
import java.util.Map;

/** Value counts of one categorical column over the training rows; the empty string is missing. */
public final class CategoryStats {

  private final Map<String, long[]> counts = new HashMap<>();
  private long count;
  private long missing;

  /** Adds one value; the empty string counts as missing. */
  public void add(String value) {
    if (value == null || value.isEmpty()) {
      missing++;
      return;
    }
    count++;
    counts.computeIfAbsent(value, v -> new long[1])[0]++;
  }

  public long count() {
    return count;
  }

  public long missing() {
    return missing;
  }

  /**
   * The most frequent value; ties go to the smallest value (so the result does not depend on the
   * order of the rows); the empty string when no value was seen.
   */
  public String mode() {
    String best = "";
    long bestCount = 0;
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long c = e.getValue()[0];
      if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }
}
