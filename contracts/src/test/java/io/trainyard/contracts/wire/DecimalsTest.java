package io.trainyard.contracts.wire;

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
      for (double v : values) {
        BigDecimal exact = new BigDecimal(Decimals.encode(v, found)).movePointLeft(found);
        assertThat(Double.parseDouble(exact.toPlainString())).isEqualTo(v);
      }
      assertLossless(values);
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
      NumericColumn column = Decimals.column("c", values, 0, values.length);
      assertThat(column.getDecimalsCount()).isZero();
      assertThat(column.getValuesCount()).isEqualTo(values.length);
      assertLossless(values);
    }
    assertThat(Decimals.scale(new double[] {2147483647.0, -2147483647.0}, 0, 2)).isZero();
  }

  @Test
  void missingValuesTravelAsTheMarker() {
    double[] values = {Double.NaN, 1.5, Double.NaN};
    NumericColumn column = Decimals.column("c", values, 0, 3);
    assertThat(column.getDecimalsList()).containsExactly(Decimals.MISSING, 15, Decimals.MISSING);
    assertThat(column.getScale()).isEqualTo(1);
    assertLossless(values);
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
