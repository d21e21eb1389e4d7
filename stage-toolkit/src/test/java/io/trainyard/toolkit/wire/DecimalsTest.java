package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.NumericColumn;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The decimal form gives back exactly the doubles that parsing the text gives, and is refused
 * wherever it could not.
 */
class DecimalsTest {

  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  /** Round trip through the form, compared bit for bit (NaN as NaN, the sign of zero kept). */
  private static void assertLossless(double[] values) {
    NumericColumn column = Decimals.column("c", values, 0, values.length);
    double[] back = Decimals.values(column);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToLongBits(back[i]))
          .as("value %d: %s", i, values[i])
          .isEqualTo(Double.doubleToLongBits(values[i]));
    }
  }

  @Test
  void csvDecimalsOfAnyScaleTakeTheFormAndParseBackToTheSameDoubles() {
    for (int trial = 0; trial < 2_000; trial++) {
      int scale = RANDOM.nextInt(10);
      int digits = 1 + RANDOM.nextInt(9);
      double[] values = new double[50];
      for (int i = 0; i < values.length; i++) {
        long unscaled = RANDOM.nextLong((long) Math.pow(10, digits));
        BigDecimal text = BigDecimal.valueOf(RANDOM.nextBoolean() ? unscaled : -unscaled, scale);
        // The double a CSV reader gets from the text, whatever the form does.
        values[i] = Double.parseDouble(text.toPlainString());
      }
      int found = Decimals.scale(values, 0, values.length);
      assertThat(found).as("trial %d", trial).isBetween(0, scale);
      int[] together = new int[values.length];
      assertThat(Decimals.encodeAll(values, 0, values.length, together)).isEqualTo(found);
      for (int i = 0; i < values.length; i++) {
        assertThat(together[i]).isEqualTo(Decimals.encode(values[i], found));
      }
      for (double v : values) {
        BigDecimal exact = new BigDecimal(Decimals.encode(v, found)).movePointLeft(found);
        assertThat(Double.parseDouble(exact.toPlainString())).isEqualTo(v);
      }
      assertLossless(values);
      // Packed in the fewest bytes the chunk's span allows.
      NumericColumn column = Decimals.column("c", values, 0, values.length);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (double v : values) {
        min = Math.min(min, Decimals.encode(v, found));
        max = Math.max(max, Decimals.encode(v, found));
      }
      long span = max - min;
      int width = span < 255 ? 1 : span < 65535 ? 2 : span < 16777215 ? 3 : 4;
      assertThat(column.getPacked().getWidth()).as("span %d", span).isEqualTo(width);
      assertThat(column.getPacked().getScale()).isEqualTo(found);
      assertThat(column.getPacked().getPacked().size()).isEqualTo(width * values.length);
    }
  }

  @Test
  void theScaleIsTheLargestAColumnNeeds() {
    assertThat(Decimals.scale(new double[] {17.99, 1001, 0.1184}, 0, 3)).isEqualTo(4);
    assertThat(Decimals.scale(new double[] {1, 2, 3e5}, 0, 3)).isZero();
    assertThat(Decimals.scale(new double[] {Double.NaN, 2.5, Double.NaN}, 0, 3)).isEqualTo(1);
    assertThat(Decimals.scale(new double[] {Double.NaN}, 0, 1)).isZero();
    // Only the given range counts.
    assertThat(Decimals.scale(new double[] {1.0 / 3, 0.5, 7}, 1, 2)).isEqualTo(1);
  }

  @Test
  void numbersTheFormCannotCarryKeepTheDoubleForm() {
    double[][] refused = {
      {1.0 / 3},
      {Math.PI},
      {1e300},
      {Double.POSITIVE_INFINITY},
      {-0.0},
      {2147483648.0},
      {214748.3648},
      {1e-10},
      // 1e8 is exact at scale 0, but 0.05 needs scale 2, where 1e8 is beyond 31 bits.
      {1e8, 0.05},
    };
    for (double[] values : refused) {
      assertThat(Decimals.scale(values, 0, values.length))
          .as(java.util.Arrays.toString(values))
          .isEqualTo(-1);
      assertThat(Decimals.encodeAll(values, 0, values.length, new int[values.length]))
          .isEqualTo(-1);
      NumericColumn column = Decimals.column("c", values, 0, values.length);
      assertThat(column.getDoubles().getValuesList()).containsExactly(box(values));
      assertLossless(values);
    }
    assertThat(Decimals.scale(new double[] {2147483647.0, -2147483647.0}, 0, 2)).isZero();
  }

  private static Double[] box(double[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
  }

  @Test
  void missingValuesTravelAsTheMarker() {
    double[] values = {Double.NaN, 1.5, Double.NaN};
    NumericColumn column = Decimals.column("c", values, 0, 3);
    // Packed in one byte a number over the smallest (15), missing as all ones.
    assertThat(column.getPacked().getWidth()).isEqualTo(1);
    assertThat(column.getPacked().getBase()).isEqualTo(15);
    assertThat(column.getPacked().getPacked().toByteArray()).containsExactly(0xFF, 0, 0xFF);
    assertThat(column.getPacked().getScale()).isEqualTo(1);
    assertLossless(values);
    // A span beyond three bytes: four, missing as all ones. 19999990 = 0x01312CF6.
    double[] wide = {Double.NaN, 1.5, 2_000_000.5};
    NumericColumn four = Decimals.column("c", wide, 0, 3);
    assertThat(four.getPacked().getWidth()).isEqualTo(4);
    assertThat(four.getPacked().getBase()).isEqualTo(15);
    assertThat(four.getPacked().getPacked().toByteArray())
        .containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xF6, 0x2C, 0x31, 0x01);
    assertLossless(wide);
  }

  @Test
  void theWidthIsTheFewestBytesThatHoldTheSpanWithTheMarkerLeftOver() {
    // Span s needs s + 1 values plus the marker: width w holds spans up to 2^(8w) - 2.
    long[][] spans = {
      {0, 1},
      {254, 1},
      {255, 2},
      {65534, 2},
      {65535, 3},
      {16777214, 3},
      {16777215, 4},
      {(1L << 32) - 2, 4}
    };
    for (long[] sw : spans) {
      for (int low : new int[] {0, -1_000_000_000, 1_000_000_000, Integer.MIN_VALUE + 1}) {
        int[] d = {low, Decimals.MISSING, (int) (low + sw[0])};
        if (low + sw[0] > Integer.MAX_VALUE) {
          continue;
        }
        assertThat(Decimals.packing(d, 0, 3).width())
            .as("span %d from %d", sw[0], low)
            .isEqualTo(sw[1]);
        assertThat(Decimals.packing(d, 0, 3).base()).isEqualTo(low);
        byte[] packed = new byte[3 * (int) sw[1]];
        Decimals.pack(d, 0, 3, (int) sw[1], low, packed, 0);
        double[] back = new double[3];
        Decimals.unpack(packed, 0, 3, (int) sw[1], low, 0, back, 0);
        assertThat(back).containsExactly((double) low, Double.NaN, (double) (low + sw[0]));
      }
    }
    // Any count, in arrays of exactly the packed bytes and inside larger ones.
    for (int width = 1; width <= Decimals.MAX_WIDTH; width++) {
      for (int n = 0; n <= 9; n++) {
        // Any difference but all ones: over -7, or over the smallest int for four bytes.
        int base = width == 4 ? Integer.MIN_VALUE + 1 : -7;
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
          d[i] =
              i % 4 == 3
                  ? Decimals.MISSING
                  : (int) (base + RANDOM.nextLong((1L << (8 * width)) - 1));
        }
        for (int pad = 0; pad <= 5; pad += 5) {
          byte[] packed = new byte[pad + width * n + pad];
          java.util.Arrays.fill(packed, (byte) 0x5A);
          Decimals.pack(d, 0, n, width, base, packed, pad);
          for (int k = 0; k < pad; k++) {
            assertThat(packed[k]).isEqualTo((byte) 0x5A); // nothing written outside
            assertThat(packed[pad + width * n + k]).isEqualTo((byte) 0x5A);
          }
          double[] back = new double[n];
          Decimals.unpack(packed, pad, n, width, base, 0, back, 0);
          for (int i = 0; i < n; i++) {
            if (d[i] == Decimals.MISSING) {
              assertThat(back[i]).isNaN();
            } else {
              assertThat(back[i]).isEqualTo(d[i]);
            }
          }
        }
      }
    }
    assertThat(Decimals.packing(new int[] {0, 16777215}, 0, 2).width()).isEqualTo(4);
    assertThat(Decimals.packing(new int[] {Integer.MIN_VALUE + 1, Integer.MAX_VALUE}, 0, 2).width())
        .isEqualTo(4);
    // Only missing values: one byte each, all ones.
    assertThat(Decimals.packing(new int[] {Decimals.MISSING}, 0, 1).width()).isEqualTo(1);
    assertThat(Decimals.packing(new int[] {Decimals.MISSING}, 0, 1).base()).isZero();
  }

  @Test
  void computedNumbersRoundTripWhicheverFormTheyTake() {
    for (int trial = 0; trial < 500; trial++) {
      double[] values = new double[20];
      for (int i = 0; i < values.length; i++) {
        double v = RANDOM.nextGaussian() * Math.pow(10, RANDOM.nextInt(-3, 6));
        // Some printed with a few decimals (as a CSV writer would), some as they are.
        values[i] =
            RANDOM.nextBoolean() ? Double.parseDouble(String.format(Locale.ROOT, "%.3f", v)) : v;
      }
      assertLossless(values);
    }
  }
}
