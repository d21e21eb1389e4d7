package io.trainyard.toolkit.wire;

import com.google.protobuf.ByteString;
import io.trainyard.contracts.events.v1.DoubleValues;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.PackedDecimals;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The decimal form of a {@link NumericColumn} ({@link PackedDecimals}): each number as an integer
 * over a power of ten shared by the column's numbers in a chunk, frame-of-reference coded: the
 * integers go as their differences from the smallest ({@code base}), in the fewest bytes each (1 to
 * 4, {@code width}) that hold the chunk's span with the all-ones difference left over to mark a
 * missing value, as columnar formats do it. It is lossless by construction: a column takes this
 * form only when dividing each integer by {@code 10^scale} in double precision gives back the very
 * double (sign of zero included), so a reader sees the numbers it would have seen as doubles.
 * Numbers read from CSV text with a few decimals (as most are) qualify, and a column of
 * measurements with four decimals over a range of a few hundred takes 3 bytes a number instead of
 * 8; computed ones (scaled features, 1/3) do not, and keep the double form.
 */
public final class Decimals {

  /**
   * The integer that stands for a missing value (NaN) among a column's integers before they are
   * packed; never an integer of the form itself.
   */
  public static final int MISSING = Integer.MIN_VALUE;

  /** The largest scale: a decimal of up to nine digits after the point. */
  public static final int MAX_SCALE = 9;

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

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

  /**
   * {@link #scale} and {@link #encode} in one pass: writes each number of {@code values[from, from
   * + n)} in the decimal form into {@code dest[0, n)} and returns the scale, or returns -1 (and
   * leaves {@code dest} undefined) when the numbers have none. The same scale and integers as the
   * two apart, at one multiplication a number instead of two.
   */
  public static int encodeAll(double[] values, int from, int n, int[] dest) {
    int scale = 0;
    int raisedAt = from;
    for (int i = from; i < from + n; i++) {
      double v = values[i];
      if (v != v) {
        dest[i - from] = MISSING;
        continue;
      }
      while (true) {
        double u = Math.rint(v * POW10[scale]);
        if (Math.abs(u) <= Integer.MAX_VALUE
            && Double.doubleToRawLongBits((int) u / POW10[scale])
                == Double.doubleToRawLongBits(v)) {
          dest[i - from] = (int) u;
          break;
        }
        if (++scale > MAX_SCALE) {
          return -1;
        }
        raisedAt = i;
      }
    }
    // As in scale(): the numbers before the last raise, again at the final scale.
    for (int i = from; i < raisedAt; i++) {
      double v = values[i];
      if (v == v) {
        if (!exact(v, scale)) {
          return -1;
        }
        dest[i - from] = encode(v, scale);
      }
    }
    return scale;
  }

  /** The widest packing: 4 bytes a number, which holds the span of any two 31-bit integers. */
  public static final int MAX_WIDTH = 4;

  /**
   * How integers are packed: {@code width} bytes each (1 to {@link #MAX_WIDTH}) as their difference
   * from {@code base}, the smallest.
   */
  public record Packing(int width, int base) {}

  /**
   * The packing of {@code decimals[from, from + n)} ({@link #MISSING} aside), in one pass: the
   * fewest bytes that hold every integer as its difference from the smallest, with the all-ones
   * difference left for a missing value; the base is 0 when every value is missing.
   */
  public static Packing packing(int[] decimals, int from, int n) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = from; i < from + n; i++) {
      int d = decimals[i];
      if (d != MISSING) {
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
    }
    if (max < min) {
      return new Packing(1, 0);
    }
    // min > MISSING, so the span is at most 2^32 - 2 and width 4 always holds it.
    long span = (long) max - min;
    int width = 1;
    while (span >= missing(width)) {
      width++;
    }
    return new Packing(width, min);
  }

  /** The all-ones difference of {@code width} bytes, which marks a missing value. */
  private static long missing(int width) {
    return (1L << (8 * width)) - 1;
  }

  /**
   * Writes {@code decimals[from, from + n)} packed, {@code width} bytes each over {@code base} (the
   * {@link #packing} of them), into {@code dest} at {@code at}: {@code width x n} bytes.
   */
  public static void pack(
      int[] decimals, int from, int n, int width, long base, byte[] dest, int at) {
    int missing = (int) missing(width);
    int i = 0;
    if (width > 1) {
      // Whole little-endian ints, each overlapping the next number's place (written after it),
      // while the four bytes stay inside the packed numbers; byte by byte for the rest.
      int whole = width * n >= 4 ? (width * n - 4) / width + 1 : 0;
      for (; i < whole; i++) {
        int d = decimals[from + i];
        INTS.set(dest, at + i * width, d == MISSING ? missing : (int) (d - base));
      }
    }
    for (; i < n; i++) {
      int d = decimals[from + i];
      int u = d == MISSING ? missing : (int) (d - base);
      int p = at + i * width;
      for (int k = 0; k < width; k++) {
        dest[p + k] = (byte) (u >>> (8 * k));
      }
    }
  }

  /**
   * Decodes {@code n} packed numbers of {@code width} bytes over {@code base} at {@code scale},
   * from {@code src} at {@code at}, into {@code dest} from {@code destAt}.
   */
  public static void unpack(
      byte[] src, int at, int n, int width, long base, int scale, double[] dest, int destAt) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("width " + width + " out of 1.." + MAX_WIDTH);
    }
    double p = POW10[scale];
    long missing = missing(width);
    int i = 0;
    if (width > 1) {
      // Whole little-endian ints, masked, while a fourth byte is inside the array.
      int room = src.length - at - 4;
      int whole = room < 0 ? 0 : Math.min(n, room / width + 1);
      for (; i < whole; i++) {
        long u = (int) INTS.get(src, at + i * width) & missing;
        dest[destAt + i] = u == missing ? Double.NaN : (base + u) / p;
      }
    }
    for (; i < n; i++) {
      int q = at + i * width;
      long u = 0;
      for (int k = 0; k < width; k++) {
        u |= (src[q + k] & 0xFFL) << (8 * k);
      }
      dest[destAt + i] = u == missing ? Double.NaN : (base + u) / p;
    }
  }

  /** Whether a packed column's width and base are ones a column may carry. */
  public static boolean validPacking(long width, long base) {
    return width >= 1 && width <= MAX_WIDTH && base > MISSING && base <= Integer.MAX_VALUE;
  }

  /** Whether {@code scale} is one a column may carry. */
  public static boolean validScale(long scale) {
    return scale >= 0 && scale <= MAX_SCALE;
  }

  /**
   * The numbers of a column as doubles, whichever form it carries (none for a column without one).
   *
   * @throws IllegalArgumentException for packed decimals of a width, base, scale or length the form
   *     does not allow
   */
  public static double[] values(NumericColumn column) {
    switch (column.getValuesCase()) {
      case DOUBLES -> {
        return column.getDoubles().getValuesList().stream()
            .mapToDouble(Double::doubleValue)
            .toArray();
      }
      case FLOATS -> {
        double[] out = new double[column.getFloats().getValuesCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = column.getFloats().getValues(i);
        }
        return out;
      }
      case PACKED -> {
        PackedDecimals p = column.getPacked();
        int width = p.getWidth();
        if (!validPacking(width, p.getBase()) || p.getPacked().size() % width != 0) {
          throw new IllegalArgumentException("packing of width " + width + " over " + p.getBase());
        }
        if (!validScale(p.getScale())) {
          throw new IllegalArgumentException("scale " + p.getScale() + " out of 0.." + MAX_SCALE);
        }
        byte[] packed = p.getPacked().toByteArray();
        double[] out = new double[packed.length / width];
        unpack(packed, 0, out.length, width, p.getBase(), p.getScale(), out, 0);
        return out;
      }
      default -> {
        return new double[0];
      }
    }
  }

  /**
   * A column of {@code values[from, from + n)} in the decimal form where it is lossless, else as
   * doubles: the form ingest chooses, and {@link ChunkView} reads.
   */
  public static NumericColumn column(String name, double[] values, int from, int n) {
    NumericColumn.Builder b = NumericColumn.newBuilder().setName(name);
    int[] decimals = new int[n];
    int scale = encodeAll(values, from, n, decimals);
    if (scale < 0) {
      DoubleValues.Builder doubles = b.getDoublesBuilder();
      for (int i = from; i < from + n; i++) {
        doubles.addValues(values[i]);
      }
      return b.build();
    }
    Packing packing = packing(decimals, 0, n);
    byte[] packed = new byte[packing.width() * n];
    pack(decimals, 0, n, packing.width(), packing.base(), packed, 0);
    b.getPackedBuilder()
        .setScale(scale)
        .setWidth(packing.width())
        .setBase(packing.base())
        .setPacked(ByteString.copyFrom(packed));
    return b.build();
  }
}
