package io.trainyard.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "  ", "NA", "na", "N/A", "n/a", "NaN", "nan", "NAN", "null", "NULL", "Null", "?", " ? ",
        "\tNA "
      })
  void missingTokens(String cell) {
    assertThat(Cells.isMissing(cell)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "N", "NAA", "N/", "nil", "none", "??", "NA1", "-", "nulls"})
  void notMissing(String cell) {
    assertThat(Cells.isMissing(cell)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "1.5, 1.5",
    "-0.25, -0.25",
    "+3, 3",
    "1e3, 1000",
    "1E-3, 0.001",
    "2.5e+2, 250",
    ".5, 0.5",
    "5., 5",
    "0.1, 0.1",
    "007, 7",
    "0.000123, 0.000123",
    "17.99, 17.99",
    "0.07871, 0.07871",
    "'  42  ', 42",
    "123456789012345678901234, 1.2345678901234568E23",
    "1e-320, 1e-320",
    "1e-400, 0",
    "0e999999, 0",
    "9007199254740993, 9007199254740992",
  })
  void numbers(String cell, double expected) {
    assertThat(Cells.parseNumber(cell)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "1.5f",
        "1d",
        "0x10",
        "Infinity",
        "-Infinity",
        "1,5",
        "--1",
        "1e",
        "e5",
        ".",
        "+",
        "-.",
        "1.2.3",
        "1e400",
        "-1e400",
        "1 2",
        "NaN",
        "12a",
        "1e+"
      })
  void notNumbers(String cell) {
    assertThat(Cells.parseNumber(cell)).isNaN();
  }

  /** The fast path agrees bit for bit with the JDK's parser (an independent implementation). */
  @Test
  void agreesWithTheJdkOnRandomDecimals() {
    Random random = new Random(20240601);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder();
      if (random.nextInt(4) == 0) {
        s.append('-');
      }
      int intDigits = random.nextInt(10);
      for (int d = 0; d < intDigits; d++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
      if (intDigits == 0 || random.nextBoolean()) {
        s.append('.');
        int fracDigits = 1 + random.nextInt(12);
        for (int d = 0; d < fracDigits; d++) {
          s.append((char) ('0' + random.nextInt(10)));
        }
      }
      if (random.nextInt(5) == 0) {
        s.append('e').append(random.nextInt(60) - 30);
      }
      String text = s.toString();
      assertThat(Double.doubleToLongBits(Cells.parseNumber(text)))
          .as(text)
          .isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "+3",
        ".5",
        "5.",
        "-.25",
        "12.3456",
        "-99999.99999",
        "007",
        "123456789012345",
        "0.00000000000001",
        "999999999999999"
      })
  void plainDecimalsFromBytesAreTheNumbersTheTextGives(String cell) {
    // The field as it stands in a block: followed by another, a line break, or the block's end.
    for (String after : new String[] {",7", "\n", "\r\n", ""}) {
      byte[] bytes = (cell + after).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      double[] value = {Double.NaN};
      assertThat(Cells.plainField(bytes, 0, bytes.length, value)).isEqualTo(cell.length());
      assertThat(Double.doubleToRawLongBits(value[0]))
          .isEqualTo(Double.doubleToRawLongBits(Cells.parseNumber(cell)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " 1",
        "1 ",
        "-",
        "+",
        ".",
        "1.2.3",
        "1e5",
        "1E-2",
        "0x10",
        "NaN",
        "1234567890123456",
        "12345678901234567890.125",
        "--1",
        "+-1",
        "1;5"
      })
  void anythingElseIsLeftToTheText(String cell) {
    byte[] bytes = (cell + ",1").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(Cells.plainField(bytes, 0, bytes.length, new double[1])).isEqualTo(-1);
  }
}
