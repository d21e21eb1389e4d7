package io.trainyard.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema inference and every refusal of the validating first pass, with its message. */
class DatasetScannerTest {

  static final PipelineSpec SPEC =
      SpecParser.parse("{\"name\": \"t\", \"dataset\": {\"label\": \"y\"}}");

  static Scan scan(String csv) throws IOException {
    return scan(csv, SPEC);
  }

  static Scan scan(String csv, PipelineSpec spec) throws IOException {
    return new DatasetScanner(1000).scan(new StringReader(csv), spec);
  }

  static PipelineSpec spec(String json) {
    return SpecParser.parse(json);
  }

  @Test
  void infersNumericCategoricalAndLabelColumns() throws IOException {
    Scan s =
        scan(
            "x,colour,y,z\n"
                + "1.5,red,b,NA\n"
                + "2,blue,a,\n"
                + "-3e2,red,b,?\n"
                + "NaN,,,null\n");
    assertThat(s.header()).containsExactly("x", "colour", "y", "z");
    assertThat(s.rows()).isEqualTo(4);
    assertThat(s.kind(0)).isEqualTo(ColumnKind.NUMERIC);
    assertThat(s.kind(1)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(s.kind(2)).isEqualTo(ColumnKind.LABEL);
    // A column of nothing but missing values is categorical with no categories: no feature.
    assertThat(s.kind(3)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(s.classes()).containsExactly("a", "b");
    assertThat(s.labelCounts()).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    assertThat(s.unlabeled()).isEqualTo(1);
    assertThat(new int[] {s.label(0), s.label(1), s.label(2), s.label(3)})
        .containsExactly(1, 0, 1, -1);
    assertThat(s.labelColumn()).isEqualTo("y");
    assertThat(s.schema().getLabelColumn()).isEqualTo("y");
    assertThat(s.schema().getColumnsList())
        .extracting(ColumnSchema::getName, ColumnSchema::getKind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("x", ColumnKind.NUMERIC),
            org.assertj.core.groups.Tuple.tuple("colour", ColumnKind.CATEGORICAL),
            org.assertj.core.groups.Tuple.tuple("y", ColumnKind.LABEL),
            org.assertj.core.groups.Tuple.tuple("z", ColumnKind.CATEGORICAL));
    assertThat(s.schema().getColumns(0).getCategoriesList()).isEmpty();
    assertThat(s.schema().getColumns(1).getCategoriesList()).containsExactly("blue", "red");
    assertThat(s.schema().getColumns(2).getCategoriesList()).containsExactly("a", "b");
  }

  @Test
  void aColumnIsNumericWhenMostOfItsValuesAreNumbers() throws IOException {
    PipelineSpec lenient =
        spec("{\"name\": \"t\", \"dataset\": {\"label\": \"y\", \"maxInvalidValues\": 2}}");
    // 3 numbers, 2 words: numeric, the 2 words read as missing (allowance 2).
    Scan s = scan("v,y\n1,a\nx,b\n2,a\nz,b\n3,a\n", lenient);
    assertThat(s.kind(0)).isEqualTo(ColumnKind.NUMERIC);
    // 2 numbers, 2 words: not most, so categorical, numbers included as categories (sorted).
    Scan t = scan("v,y\n10,a\nx,b\n9,a\nw,b\n", lenient);
    assertThat(t.kind(0)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(t.schema().getColumns(0).getCategoriesList()).containsExactly("10", "9", "w", "x");
  }

  @Test
  void valuesAreTrimmedAndQuotedValuesCount() throws IOException {
    Scan s = scan("a,y\n\" 1 \", yes \n 2 ,\"no\"\n");
    assertThat(s.kind(0)).isEqualTo(ColumnKind.NUMERIC);
    assertThat(s.classes()).containsExactly("no", "yes");
  }

  @Test
  void withoutALabelColumnEveryRowIsUnlabeled() throws IOException {
    PipelineSpec ruled =
        spec(
            "{\"name\": \"t\", \"labeling\": {\"rule\": {\"column\": \"t\", \"op\": \"gt\","
                + " \"value\": 20, \"then\": \"hot\", \"otherwise\": \"cold\"}}}");
    Scan s = scan("t,h\n21,0.5\n19,0.4\n", ruled);
    assertThat(s.labelIndex()).isEqualTo(-1);
    assertThat(s.labelColumn()).isEmpty();
    assertThat(s.label(0)).isEqualTo(-1);
    assertThat(s.classes()).isEmpty();
  }

  @Test
  void raggedRowNamesItsLineAndTheCounts() {
    assertThatThrownBy(() -> scan("a,b,y\n1,2,x\n3,4\n5,6,x\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 3: expected 3 fields, found 2");
  }

  @Test
  void raggedRowAfterAMultiLineFieldNamesItsPhysicalLine() {
    assertThatThrownBy(() -> scan("a,b,y\n1,\"two\nlines\",x\n3,4,x,9\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 4: expected 3 fields, found 4")
        .satisfies(e -> assertThat(((InvalidDataException) e).line()).isEqualTo(4));
  }

  @Test
  void badQuotingNamesTheLine() {
    assertThatThrownBy(() -> scan("a,y\n1,x\n2,\"x\n3,y\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 3: unterminated quoted field 2 (the file ends inside it)");
    assertThatThrownBy(() -> scan("a,y\n1,x\n2,x\"\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 3: stray quote in unquoted field 2");
  }

  @Test
  void nonNumericValueBeyondTheAllowanceNamesLineColumnAndValue() {
    // No allowance: the first word in a numeric column refuses the file.
    assertThatThrownBy(() -> scan("a,b,y\n1,2,x\n3,4,x\n5,oops,x\n7,8,x\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "line 4: column 'b' is numeric but 'oops' is not a number"
                + " (dataset.maxInvalidValues allows 0)");
    // Allowance 1: the second word is the one beyond it.
    PipelineSpec one =
        spec("{\"name\": \"t\", \"dataset\": {\"label\": \"y\", \"maxInvalidValues\": 1}}");
    assertThatThrownBy(() -> scan("a,y\n1,x\nbad,x\n3,x\n4,x\nworse,x\n6,x\n", one))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "line 6: column 'a' is numeric but 'worse' is not a number"
                + " (dataset.maxInvalidValues allows 1)");
  }

  @Test
  void theEarliestOffendingLineWinsAcrossColumns() {
    assertThatThrownBy(() -> scan("a,b,y\n1,2,x\n3,no,x\nno,4,x\n5,6,x\n7,8,x\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("line 3: column 'b'");
  }

  @Test
  void emptyFileAndHeaderOnly() {
    assertThatThrownBy(() -> scan(""))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 1: the file is empty; expected a header row");
    assertThatThrownBy(() -> scan("a,y\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 2: the file has a header but no data rows");
  }

  @Test
  void duplicateAndEmptyColumnNames() {
    assertThatThrownBy(() -> scan("a,b,y,a\n1,2,x,3\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 1: duplicate column name 'a' (columns 1 and 4)");
    assertThatThrownBy(() -> scan("a,,y\n1,2,x\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 1: column 2 has no name");
  }

  @Test
  void missingLabelColumn() {
    assertThatThrownBy(() -> scan("a,b\n1,2\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 1: the label column 'y' (dataset.label) is not in the header");
    assertThatThrownBy(() -> scan("y\nx\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 1: no feature columns besides the label 'y'");
  }

  @Test
  void ruleColumnMustExistAndBeNumeric() {
    PipelineSpec ruled =
        spec(
            "{\"name\": \"t\", \"labeling\": {\"rule\": {\"column\": \"t\", \"op\": \"gt\","
                + " \"value\": 20, \"then\": \"hot\", \"otherwise\": \"cold\"}}}");
    assertThatThrownBy(() -> scan("a,b\n1,2\n", ruled))
        .isInstanceOf(SpecException.class)
        .hasMessage("labeling.rule.column: column 't' is not in the CSV header")
        .satisfies(e -> assertThat(((SpecException) e).path()).isEqualTo("labeling.rule.column"));
    assertThatThrownBy(() -> scan("t,b\nwarm,2\ncool,3\n", ruled))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("a rule needs a numeric one");
  }

  @Test
  void tooManyDistinctValuesInACategoricalColumn() {
    StringBuilder csv = new StringBuilder("id,y\n");
    for (int i = 0; i < 6; i++) {
      csv.append("name").append(i).append(",x\n");
    }
    assertThatThrownBy(() -> new DatasetScanner(5).scan(new StringReader(csv.toString()), SPEC))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("line 7: column 'id' is categorical with more than 5 distinct values");
  }

  @Test
  void manyDistinctNumbersAreFine() throws IOException {
    StringBuilder csv = new StringBuilder("v,y\n");
    for (int i = 0; i < 50; i++) {
      csv.append(i).append(".5,x\n");
    }
    Scan s = new DatasetScanner(5).scan(new StringReader(csv.toString()), SPEC);
    assertThat(s.kind(0)).isEqualTo(ColumnKind.NUMERIC);
    assertThat(s.rows()).isEqualTo(50);
  }
}
