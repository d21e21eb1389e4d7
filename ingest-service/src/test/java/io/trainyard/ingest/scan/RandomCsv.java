package io.trainyard.ingest.scan;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random CSV files for the equivalence tests of the parallel first pass: numeric, dirty numeric,
 * categorical and free-text columns and a label, missing tokens, quoted fields with commas, quotes
 * and line breaks, LF / CRLF / CR, blank lines, a byte order mark, non-ASCII and malformed UTF-8,
 * and now and then one malformed record (ragged, stray quote, text after a closing quote, an
 * unterminated quoted field).
 */
final class RandomCsv {

  private static final String[] MISSING = {"", "NA", "n/a", "NaN", "null", "?", "  NA ", "\t"};

  /** Plain decimals at the edges of the short form: signs, bare points, 15 and 16 digits. */
  private static final String[] PLAIN = {
    "-0",
    "+3",
    ".5",
    "5.",
    "-.25",
    "+.0",
    "123456789012345",
    "1234567890123456",
    "0.00000000000001",
    "-99999.99999",
    "007",
    "1."
  };

  /** Almost plain decimals, for the dirty numeric columns. */
  private static final String[] NOT_QUITE = {"-", "+", ".", "1.2.3", "1-2", "--1", "1e", "+-1"};

  private static final String[] BREAKS = {"\n", "\r\n", "\r"};
  private static final String[] TEXTS = {
    "a,b",
    "say \"hi\"",
    "two\nlines",
    "\uFEFFmark",
    "crlf\r\nline",
    "cr\rline",
    "é",
    "日本",
    "  pad  ",
    "x",
    ""
  };

  private RandomCsv() {}

  /** A random CSV file; the label column is {@code y}. */
  static byte[] csv(SplittableRandom rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int features = 1 + rnd.nextInt(5);
    int width = features + 1;
    int labelAt = rnd.nextInt(width);
    int[] kinds = new int[width];
    for (int i = 0; i < width; i++) {
      kinds[i] = i == labelAt ? -1 : rnd.nextInt(4);
    }
    int categories = 2 + rnd.nextInt(rnd.nextBoolean() ? 5 : 40);
    int classes = 2 + rnd.nextInt(rnd.nextInt(10) == 0 ? 30 : 4);
    String fileBreak = BREAKS[rnd.nextInt(BREAKS.length)];
    boolean mixedBreaks = rnd.nextInt(4) == 0;
    int rows = rnd.nextInt(5) == 0 ? rnd.nextInt(3) : rnd.nextInt(400);
    // -1: none; else the row (0 = the header) to break, and how.
    int badRow = rnd.nextInt(3) == 0 ? rnd.nextInt(rows + 1) : -1;
    int badKind = rnd.nextInt(5);

    if (rnd.nextInt(8) == 0) {
      write(out, "\uFEFF");
    }
    for (int r = 0; r <= rows; r++) {
      String lineBreak = mixedBreaks ? BREAKS[rnd.nextInt(BREAKS.length)] : fileBreak;
      if (rnd.nextInt(30) == 0) {
        write(out, lineBreak); // a blank line
      }
      int fields = width;
      if (r == badRow && badKind == 0) {
        fields += rnd.nextBoolean() ? 1 : -1;
      }
      for (int i = 0; i < fields; i++) {
        if (i > 0) {
          write(out, ",");
        }
        if (r == 0) {
          write(out, i == labelAt ? "y" : quoteMaybe(rnd, "c" + i));
        } else if (i >= width) {
          write(out, "extra");
        } else {
          cell(out, rnd, kinds[i], categories, classes);
        }
        if (r == badRow && i == fields - 1) {
          bad(out, rnd, badKind, r == rows);
        }
      }
      if (r < rows || rnd.nextBoolean()) {
        write(out, lineBreak);
      }
    }
    return out.toByteArray();
  }

  private static void bad(ByteArrayOutputStream out, SplittableRandom rnd, int kind, boolean last) {
    switch (kind) {
      case 1 -> write(out, "ab\"c"); // stray quote in an unquoted field
      case 2 -> write(out, "\"q\"x"); // text after a closing quote
      case 3 -> {
        if (last) {
          write(out, "\"never closed\n"); // unterminated: the file ends inside it
        } else {
          write(out, "\"spans,\nseveral\r\nlines\""); // well-formed, many lines
        }
      }
      case 4 -> out.write(rnd.nextBoolean() ? 0xC3 : 0xFF); // malformed UTF-8 in a cell
      default -> {}
    }
  }

  private static void cell(
      ByteArrayOutputStream out, SplittableRandom rnd, int kind, int categories, int classes) {
    if (rnd.nextInt(12) == 0) {
      write(out, quoteMaybe(rnd, MISSING[rnd.nextInt(MISSING.length)]));
      return;
    }
    String v =
        switch (kind) {
          case -1 -> "class" + rnd.nextInt(classes);
          case 0 -> number(rnd);
          case 1 ->
              rnd.nextInt(15) == 0
                  ? (rnd.nextBoolean()
                      ? "oops" + rnd.nextInt(3)
                      : NOT_QUITE[rnd.nextInt(NOT_QUITE.length)])
                  : number(rnd);
          case 2 -> "cat" + rnd.nextInt(categories);
          default -> TEXTS[rnd.nextInt(TEXTS.length)] + (rnd.nextBoolean() ? "" : rnd.nextInt(9));
        };
    write(out, quoteMaybe(rnd, v));
  }

  private static String number(SplittableRandom rnd) {
    return switch (rnd.nextInt(7)) {
      case 0 -> Integer.toString(rnd.nextInt(1000) - 500);
      case 1 -> Double.toString(rnd.nextGaussian() * 1e3);
      case 2 -> String.format(java.util.Locale.ROOT, "%.3e", rnd.nextDouble());
      case 3 -> " " + rnd.nextInt(10) + ".5 ";
      case 4 -> String.format(java.util.Locale.ROOT, "%.4f", rnd.nextGaussian() * 50);
      case 5 -> PLAIN[rnd.nextInt(PLAIN.length)];
      default -> "12345678901234567890.125";
    };
  }

  private static String quoteMaybe(SplittableRandom rnd, String v) {
    boolean must =
        v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    if (!must && rnd.nextInt(6) != 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A stream that hands out its bytes a few at a time, as a network upload does. */
  static InputStream trickle(byte[] bytes, SplittableRandom rnd) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (pos >= bytes.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, 1 + rnd.nextInt(64)), bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
