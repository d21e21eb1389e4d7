package io.trainyard.ingest.csv;

/**
 * What a CSV cell holds, read straight from a character range without making a String: missing
 * (after trimming: empty, {@code NA}, {@code N/A}, {@code NaN}, {@code null} or {@code ?}, in any
 * case), a finite decimal number, or text.
 *
 * <p>Numbers follow a strict grammar, {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]?
 * digits)?}: no hex, no {@code Infinity}, no type suffixes such as {@code 1.5f}, and nothing that
 * overflows to infinity. Short numbers (up to 15 significant digits and a power of ten up to 22)
 * are converted exactly with one IEEE multiplication or division (Clinger's fast path); anything
 * longer goes through {@link Double#parseDouble(String)}, so every result is correctly rounded.
 */
public final class Cells {

  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Cells() {}

  /** First non-blank position (spaces and tabs are blank). */
  public static int trimStart(char[] a, int from, int to) {
    while (from < to && (a[from] == ' ' || a[from] == '\t')) {
      from++;
    }
    return from;
  }

  /** One past the last non-blank position. */
  public static int trimEnd(char[] a, int from, int to) {
    while (to > from && (a[to - 1] == ' ' || a[to - 1] == '\t')) {
      to--;
    }
    return to;
  }

  /** Whether the (already trimmed) range is one of the missing-value tokens. */
  public static boolean isMissing(char[] a, int from, int to) {
    int n = to - from;
    switch (n) {
      case 0:
        return true;
      case 1:
        return a[from] == '?';
      case 2:
        return lower(a[from]) == 'n' && lower(a[from + 1]) == 'a';
      case 3:
        char c0 = lower(a[from]);
        char c1 = a[from + 1];
        char c2 = lower(a[from + 2]);
        return c0 == 'n' && ((c1 == '/' && c2 == 'a') || (lower(c1) == 'a' && c2 == 'n'));
      case 4:
        return lower(a[from]) == 'n'
            && lower(a[from + 1]) == 'u'
            && lower(a[from + 2]) == 'l'
            && lower(a[from + 3]) == 'l';
      default:
        return false;
    }
  }

  /** As {@link #isMissing(char[], int, int)}, for a String (untrimmed). */
  public static boolean isMissing(String s) {
    char[] a = s.toCharArray();
    int from = trimStart(a, 0, a.length);
    return isMissing(a, from, trimEnd(a, from, a.length));
  }

  private static char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
  }

  /**
   * The common case of {@link #parseNumber}, on a CSV block's UTF-8 bytes, in the same pass that
   * finds the field's end: when the unquoted field starting at {@code from} (it ends at a comma, a
   * line break or {@code limit}) is exactly a plain decimal ({@code [+-]? digits [. digits]}, at
   * most 15 digits, no blanks), stores its value, converted as {@link #parseNumber} converts it, in
   * {@code value[0]} and returns where the field ends; else returns -1 (the field is then read as
   * text).
   */
  public static int plainField(byte[] a, int from, int limit, double[] value) {
    int i = from;
    byte ch = i < limit ? a[i] : 0;
    boolean minus = ch == '-';
    if (minus || ch == '+') {
      i++;
    }
    long m = 0;
    int start = i;
    while (i < limit && (ch = a[i]) >= '0' && ch <= '9') {
      m = m * 10 + (ch - '0');
      i++;
    }
    int digits = i - start;
    int fraction = 0;
    if (i < limit && a[i] == '.') {
      int point = ++i;
      while (i < limit && (ch = a[i]) >= '0' && ch <= '9') {
        m = m * 10 + (ch - '0');
        i++;
      }
      fraction = i - point;
      digits += fraction;
    }
    if (digits == 0
        || digits > 15
        || (i < limit && (ch = a[i]) != ',' && ch != '\n' && ch != '\r')) {
      return -1;
    }
    double v = fraction == 0 ? (double) m : m / POW10[fraction];
    value[0] = minus ? -v : v;
    return i;
  }

  /**
   * The finite number in the (already trimmed) range, or NaN when the range is not a number by the
   * grammar above. Check {@link #isMissing} first: "NaN" is a missing token, not a number.
   */
  public static double parseNumber(char[] a, int from, int to) {
    int i = from;
    if (i >= to) {
      return Double.NaN;
    }
    boolean negative = false;
    char c = a[i];
    if (c == '+' || c == '-') {
      negative = c == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0; // significant digits seen (leading zeros excluded)
    int dropped = 0; // integer digits beyond what the mantissa holds
    int digits = 0;
    int scale = 0; // digits after the point that went into the mantissa
    boolean exact = true;
    while (i < to && (c = a[i]) >= '0' && c <= '9') {
      digits++;
      if (significant < 18) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) {
          significant++;
        }
      } else {
        dropped++;
        exact = false;
      }
      i++;
    }
    if (i < to && a[i] == '.') {
      i++;
      while (i < to && (c = a[i]) >= '0' && c <= '9') {
        digits++;
        if (significant < 18) {
          mantissa = mantissa * 10 + (c - '0');
          if (mantissa != 0) {
            significant++;
          }
          scale++;
        } else {
          exact = false;
        }
        i++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < to && (a[i] == 'e' || a[i] == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < to && (a[i] == '+' || a[i] == '-')) {
        expNegative = a[i] == '-';
        i++;
      }
      int expDigits = 0;
      while (i < to && (c = a[i]) >= '0' && c <= '9') {
        if (exponent < 100_000) {
          exponent = exponent * 10 + (c - '0');
        }
        expDigits++;
        i++;
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
      if (expNegative) {
        exponent = -exponent;
      }
    }
    if (i != to) {
      return Double.NaN;
    }
    int power = exponent - scale + dropped;
    if (exact && significant <= 15 && power >= -22 && power <= 22) {
      double value = power < 0 ? mantissa / POW10[-power] : mantissa * POW10[power];
      return negative ? -value : value;
    }
    if (exact && mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    // The grammar above is a subset of Java's, so this cannot throw; it keeps the sign.
    double value = Double.parseDouble(new String(a, from, to - from));
    return Double.isInfinite(value) ? Double.NaN : value;
  }

  /** As {@link #parseNumber(char[], int, int)}, for a String (trimmed here). */
  public static double parseNumber(String s) {
    char[] a = s.toCharArray();
    int from = trimStart(a, 0, a.length);
    return parseNumber(a, from, trimEnd(a, from, a.length));
  }
}
