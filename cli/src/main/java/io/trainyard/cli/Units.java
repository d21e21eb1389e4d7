package io.trainyard.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations and byte counts, read from and written for people. */
public final class Units {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private Units() {}

  /**
   * Reads {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, ISO-8601 {@code PT5M}, or a bare
   * number of seconds.
   */
  public static Duration parseDuration(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (examples: 90s, 10m, 1h, 500ms, PT5M)");
    }
  }

  /** {@code 850 ms}, {@code 4.2 s}, {@code 3 min 12 s}. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = Math.round(ms / 1000.0);
    return (s / 60) + " min " + (s % 60) + " s";
  }

  /** {@code 512 B}, {@code 12.4 KiB}, {@code 1.6 GiB}. */
  public static String formatBytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
