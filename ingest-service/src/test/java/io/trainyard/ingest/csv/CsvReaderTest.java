package io.trainyard.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {

  /** A record as read: its first line and its fields. */
  record Rec(long line, List<String> fields) {}

  static List<Rec> read(String csv, int bufferSize) throws IOException {
    List<Rec> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(new StringReader(csv), bufferSize)) {
      while (r.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < r.fieldCount(); i++) {
          fields.add(r.field(i));
        }
        out.add(new Rec(r.line(), fields));
      }
    }
    return out;
  }

  static List<Rec> read(String csv) throws IOException {
    return read(csv, 1 << 16);
  }

  static Rec rec(long line, String... fields) {
    return new Rec(line, List.of(fields));
  }

  @Test
  void plainRecordsWithLineNumbers() throws IOException {
    assertThat(read("a,b,c\n1,2,3\n4,5,6\n"))
        .containsExactly(rec(1, "a", "b", "c"), rec(2, "1", "2", "3"), rec(3, "4", "5", "6"));
  }

  @Test
  void lastLineWithoutLineBreakAndEmptyFields() throws IOException {
    assertThat(read("a,b,c\n,,\n1,,3"))
        .containsExactly(rec(1, "a", "b", "c"), rec(2, "", "", ""), rec(3, "1", "", "3"));
  }

  @Test
  void trailingCommaMakesAnEmptyLastField() throws IOException {
    assertThat(read("a,b\n1,\n")).containsExactly(rec(1, "a", "b"), rec(2, "1", ""));
  }

  @Test
  void quotedFieldsHoldCommasAndDoubledQuotes() throws IOException {
    assertThat(read("name,quote\n\"Smith, J.\",\"He said \"\"hi\"\"\"\n\"\",\"\"\"\"\n"))
        .containsExactly(
            rec(1, "name", "quote"), rec(2, "Smith, J.", "He said \"hi\""), rec(3, "", "\""));
  }

  @Test
  void quotedFieldsSpanLinesAndLaterRecordsKeepTheirPhysicalLine() throws IOException {
    String csv = "id,text\n1,\"line one\nline two\nline three\"\n2,plain\n3,\"a\r\nb\"\r\n4,x\r\n";
    assertThat(read(csv))
        .containsExactly(
            rec(1, "id", "text"),
            rec(2, "1", "line one\nline two\nline three"),
            rec(5, "2", "plain"),
            rec(6, "3", "a\r\nb"),
            rec(8, "4", "x"));
  }

  @Test
  void crlfAndLoneCrEndLines() throws IOException {
    assertThat(read("a,b\r\n1,2\r\n3,4\r5,6\r"))
        .containsExactly(rec(1, "a", "b"), rec(2, "1", "2"), rec(3, "3", "4"), rec(4, "5", "6"));
  }

  @Test
  void blankLinesAreSkippedButCounted() throws IOException {
    assertThat(read("a,b\n\n1,2\n\r\n\n3,4\n\n"))
        .containsExactly(rec(1, "a", "b"), rec(3, "1", "2"), rec(6, "3", "4"));
  }

  @Test
  void byteOrderMarkIsDropped() throws IOException {
    assertThat(read("\uFEFFa,b\n1,2\n")).containsExactly(rec(1, "a", "b"), rec(2, "1", "2"));
  }

  @Test
  void emptyInputHasNoRecords() throws IOException {
    assertThat(read("")).isEmpty();
    assertThat(read("\n\n")).isEmpty();
  }

  @Test
  void unterminatedQuoteNamesTheRecordsFirstLine() {
    assertThatThrownBy(() -> read("a,b\n1,2\n3,\"open\nstill open\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("line 3: unterminated quoted field 2 (the file ends inside it)")
        .satisfies(e -> assertThat(((CsvFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void quoteInsideAnUnquotedFieldIsAStrayQuote() {
    assertThatThrownBy(() -> read("a,b\n1,2\n3,ab\"c\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("line 3: stray quote in unquoted field 2");
  }

  @Test
  void textAfterAClosingQuoteIsAStrayQuote() {
    assertThatThrownBy(() -> read("a,b\n\"x\ny\",2\n\"ab\"c,4\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("line 4: stray quote: field 1 has text after its closing quote");
  }

  /** Every buffer size, down to one char, reads the same records with the same line numbers. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7, 11, 64})
  void bufferBoundariesChangeNothing(int bufferSize) throws IOException {
    String csv =
        "\uFEFFh1,h2,h3\r\n"
            + "\"a\r\nb\",\"x\"\"y\",plain\r\n"
            + "\r\n"
            + "\"multi\rline\n\nfield\",,\"\"\n"
            + "last,\"q,q\",end";
    assertThat(read(csv, bufferSize)).isEqualTo(read(csv, 1 << 16));
    assertThat(read(csv, bufferSize))
        .containsExactly(
            rec(1, "h1", "h2", "h3"),
            rec(2, "a\r\nb", "x\"y", "plain"),
            rec(5, "multi\rline\n\nfield", "", ""),
            rec(9, "last", "q,q", "end"));
  }

  @Test
  void fieldsAreRangesOfTheRecordText() throws IOException {
    try (CsvReader r = new CsvReader(new StringReader("ab,\"c,d\",e\n"))) {
      assertThat(r.next()).isTrue();
      assertThat(r.fieldCount()).isEqualTo(3);
      assertThat(new String(r.chars(), r.start(1), r.end(1) - r.start(1))).isEqualTo("c,d");
      assertThat(r.records()).isEqualTo(1);
      assertThat(r.next()).isFalse();
    }
  }

  /** A whole read: the records, then the error (if any) and the physical line at the end. */
  static String readAll(CsvReader r) {
    StringBuilder out = new StringBuilder();
    try {
      while (r.next()) {
        out.append(r.line()).append(':');
        for (int i = 0; i < r.fieldCount(); i++) {
          out.append('[').append(r.field(i)).append(']');
        }
        out.append('\n');
      }
    } catch (CsvFormatException e) {
      out.append("error ").append(e.line()).append(' ').append(e.reason()).append('\n');
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.append("physical ").append(r.physicalLine()).toString();
  }

  @Test
  void readingABlockInPlaceGivesWhatReadingAStreamGives() {
    String[] pieces = {
      "a",
      "12.5",
      "",
      "x y",
      "\"q\"",
      "\"c,d\"",
      "\"say \"\"hi\"\"\"",
      "\"a\r\nb\"",
      "\"l1\rl2\nl3\"",
      "\"\"",
      "\"\"\"\"",
      "ab\"c",
      "\"q\"x",
      "\"open",
      "\uFEFF"
    };
    String[] breaks = {"\n", "\r\n", "\r", "\n\n"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int trial = 0; trial < 3000; trial++) {
      StringBuilder csv = new StringBuilder();
      int records = random.nextInt(6);
      for (int r = 0; r < records; r++) {
        int fields = 1 + random.nextInt(4);
        for (int f = 0; f < fields; f++) {
          if (f > 0) {
            csv.append(',');
          }
          // Malformed pieces (the last four) now and then only.
          csv.append(pieces[random.nextInt(random.nextInt(8) == 0 ? pieces.length : 11)]);
        }
        if (r < records - 1 || random.nextBoolean()) {
          csv.append(breaks[random.nextInt(breaks.length)]);
        }
      }
      String text = csv.toString();
      String streamed = readAll(new CsvReader(new StringReader(text), 1 + random.nextInt(16)));
      char[] block = (text + "padding").toCharArray();
      String inPlace = readAll(new CsvReader(block, text.length(), true));
      assertThat(inPlace).as("%s", text).isEqualTo(streamed);
    }
  }
}
