package io.trainyard.testsupport;

import com.google.protobuf.ByteString;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.wire.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random valid {@link RowChunk}s in every form of the schema, for the tests that hold a reader or a
 * writer to the generated classes: 0 rows to a few thousand; row ids listed (any longs) or as a
 * run; splits of every value, unknown ones included; numeric columns as doubles (NaN, infinities,
 * -0.0, extremes, any bit pattern), floats (likewise), packed decimals as ingest makes them from
 * CSV-like decimals of every scale and span (widths 1 to 4, or doubles where not lossless) and as
 * any valid packing of random bytes; categorical columns and labels of empty, ASCII and non-ASCII
 * text (two- to four-byte UTF-8); now and then dozens of columns. Deterministic for a given {@link
 * SplittableRandom}, so a failing case is found again from its seed.
 */
public final class RandomChunks {

  private static final double[] SPECIAL_DOUBLES = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -0.0,
    0.0,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    1e300,
    -1e-300,
    1,
    -1
  };

  private static final float[] SPECIAL_FLOATS = {
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    -0f,
    0f,
    Float.MIN_VALUE,
    Float.MIN_NORMAL,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    1f,
    -1f
  };

  private static final String[] TEXTS = {
    "", "a", "yes", "no", "é", "né", "日本", "\uD83D\uDE00", "a\u0000b", "  pad ", "\uFEFFmark"
  };

  private RandomChunks() {}

  /** A random chunk of {@link #rows} rows. */
  public static RowChunk chunk(SplittableRandom random) {
    return chunk(random, rows(random));
  }

  /** A random number of rows: often none or a few, sometimes hundreds or thousands. */
  public static int rows(SplittableRandom random) {
    int kind = random.nextInt(20);
    if (kind < 2) {
      return 0;
    }
    if (kind < 10) {
      return 1 + random.nextInt(8);
    }
    if (kind < 19) {
      return 9 + random.nextInt(200);
    }
    return 209 + random.nextInt(2000);
  }

  /** A random chunk of {@code rows} rows in random forms. */
  public static RowChunk chunk(SplittableRandom random, int rows) {
    RowChunk.Builder b = RowChunk.newBuilder();
    if (random.nextInt(4) > 0) {
      b.setEventId(text(random));
    }
    if (random.nextInt(4) > 0) {
      b.setDataset(
          DatasetRef.newBuilder()
              .setDatasetId(text(random))
              .setVersion(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(10))
              .setSpecHash(text(random)));
    }
    b.setChunkIndex(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000));
    switch (random.nextInt(rows == 0 ? 3 : 2)) {
      case 0 -> {
        long first =
            random.nextInt(4) == 0
                ? Long.MAX_VALUE - rows - random.nextInt(10)
                : random.nextLong(-1L << 40, 1L << 40);
        b.getConsecutiveBuilder().setFirst(first).setCount(rows);
      }
      case 1 -> {
        b.getListedBuilder();
        for (int r = 0; r < rows; r++) {
          b.getListedBuilder().addIds(random.nextInt(3) == 0 ? random.nextLong() : r + 1);
        }
      }
      default -> {
        // no row ids at all
      }
    }
    // Splits for every row: the chunk then has at least one byte a row, as a run of ids needs.
    for (int r = 0; r < rows; r++) {
      int kind = random.nextInt(50);
      b.addSplitsValue(kind == 0 ? -1 : kind == 1 ? 7 : random.nextInt(4));
    }
    int numeric = random.nextInt(15) == 0 ? 20 + random.nextInt(40) : random.nextInt(6);
    for (int c = 0; c < numeric; c++) {
      b.addNumeric(numericColumn(random, "n" + c + text(random), rows));
    }
    int categorical = random.nextInt(4);
    for (int c = 0; c < categorical; c++) {
      List<String> values = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        values.add(text(random));
      }
      b.addCategoricalBuilder().setName("k" + c + text(random)).addAllValues(values);
    }
    if (random.nextBoolean()) {
      int names = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 5);
      for (int k = 0; k < names; k++) {
        b.addLabelNames(text(random));
      }
      for (int r = 0; r < rows; r++) {
        b.addLabelIndexes(random.nextInt(names));
      }
    }
    return b.build();
  }

  /** A numeric column of {@code rows} numbers in a random form. */
  public static NumericColumn numericColumn(SplittableRandom random, String name, int rows) {
    NumericColumn.Builder column = NumericColumn.newBuilder().setName(name);
    switch (random.nextInt(9)) {
      case 0, 1 -> {
        column.getDoublesBuilder();
        for (int r = 0; r < rows; r++) {
          column.getDoublesBuilder().addValues(number(random));
        }
      }
      case 2, 3 -> {
        column.getFloatsBuilder();
        for (int r = 0; r < rows; r++) {
          column.getFloatsBuilder().addValues(floatNumber(random));
        }
      }
      case 4, 5, 6 -> {
        return Decimals.column(name, decimals(random, rows), 0, rows);
      }
      case 7 -> {
        int width = 1 + random.nextInt(4);
        byte[] packed = new byte[width * rows];
        random.nextBytes(packed);
        column
            .getPackedBuilder()
            .setScale(random.nextInt(10))
            .setWidth(width)
            .setBase(random.nextInt(Integer.MIN_VALUE + 1, Integer.MAX_VALUE))
            .setPacked(ByteString.copyFrom(packed));
      }
      default -> {
        if (rows > 0) {
          return numericColumn(random, name, rows);
        }
        // a column of no rows may carry no form at all
      }
    }
    return column.build();
  }

  /** A random double: now and then one of the special ones, else any bit pattern or magnitude. */
  public static double number(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
      case 1 -> Double.longBitsToDouble(random.nextLong());
      default -> random.nextGaussian() * Math.pow(10, random.nextInt(-5, 8));
    };
  }

  /** A random float, as {@link #number}. */
  public static float floatNumber(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> SPECIAL_FLOATS[random.nextInt(SPECIAL_FLOATS.length)];
      case 1 -> Float.intBitsToFloat(random.nextInt());
      default -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-5, 8)));
    };
  }

  /**
   * {@code n} numbers as a CSV reader gets them from decimal text of one random scale (0 to 9) and
   * span (a few units to all 31 bits), some missing (NaN); now and then one that no decimal form
   * holds.
   */
  public static double[] decimals(SplittableRandom random, int n) {
    int scale = random.nextInt(10);
    long span = 1L << random.nextInt(1, 32);
    long low = random.nextLong(-(1L << 31) + 1, (1L << 31) - span);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(40);
      if (kind == 0) {
        values[i] = Double.NaN;
      } else if (kind == 1 && random.nextInt(10) == 0) {
        values[i] = number(random);
      } else {
        long unscaled = low + random.nextLong(span);
        values[i] = Double.parseDouble(BigDecimal.valueOf(unscaled, scale).toPlainString());
      }
    }
    return values;
  }

  /** Random text: empty, ASCII, or non-ASCII of two- to four-byte UTF-8 characters. */
  public static String text(SplittableRandom random) {
    if (random.nextBoolean()) {
      return TEXTS[random.nextInt(TEXTS.length)];
    }
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      int cp =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x20, 0x7F);
            case 1 -> random.nextInt(0x80, 0x800);
            case 2 -> random.nextInt(0xE000, 0x10000);
            default -> random.nextInt(0x10000, 0x110000);
          };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }
}
