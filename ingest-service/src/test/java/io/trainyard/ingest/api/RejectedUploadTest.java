package io.trainyard.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.trainyard.contracts.Topics;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.testsupport.TestKafka;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal: 400 naming the line for malformed CSV, 400 with the path for spec errors, 422 for
 * too little data; and for each, nothing published (the end offsets of both topics did not move)
 * and no version recorded.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RejectedUploadTest {

  static final String GOOD_ROWS = Uploads.csv(30).substring("x,colour,y\n".length());

  /** A client on the test broker, to see that nothing was published. */
  static TestKafka kafka() {
    return new TestKafka(
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  /** (case, csv, line, message) — the rows before the fault are valid, so it is all in one pass. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "ragged",
            "x,colour,y\n" + GOOD_ROWS + "1,red\n" + GOOD_ROWS,
            32,
            "line 32: expected 3 fields, found 2"),
        Arguments.of(
            "unterminated",
            "x,colour,y\n" + GOOD_ROWS + "1,\"red\n2,blue,a\n",
            32,
            "line 32: unterminated quoted field 2 (the file ends inside it)"),
        Arguments.of(
            "stray quote",
            "x,colour,y\n" + GOOD_ROWS + "1,re\"d,a\n" + GOOD_ROWS,
            32,
            "line 32: stray quote in unquoted field 2"),
        Arguments.of(
            "non-numeric",
            "x,colour,y\n" + GOOD_ROWS + "oops,red,a\n" + GOOD_ROWS,
            32,
            "line 32: column 'x' is numeric but 'oops' is not a number"
                + " (dataset.maxInvalidValues allows 0)"),
        Arguments.of("empty", "", 1, "line 1: the file is empty; expected a header row"),
        Arguments.of(
            "header only", "x,colour,y\n", 2, "line 2: the file has a header but no data rows"),
        Arguments.of(
            "duplicate columns",
            "x,colour,x\n" + GOOD_ROWS,
            1,
            "line 1: duplicate column name 'x' (columns 1 and 3)"),
        Arguments.of(
            "missing label column",
            "x,colour,z\n" + GOOD_ROWS,
            1,
            "line 1: the label column 'y' (dataset.label) is not in the header"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedCsvIsRefusedWithItsLineAndNothingIsPublished(
      String name, String csv, int line, String message) {
    String dataset = "bad-" + name.replace(' ', '-');
    try (TestKafka kafka = kafka()) {
      Map<Integer, Long> chunksBefore = kafka.endOffsets(Topics.INGEST_CHUNKS);
      Map<Integer, Long> datasetsBefore = kafka.endOffsets(Topics.INGEST_DATASETS);

      Response response = Uploads.upload(Uploads.spec(dataset), csv);

      response.then().statusCode(400);
      assertThat(response.jsonPath().getString("error")).isEqualTo(message);
      assertThat(response.jsonPath().getInt("line")).isEqualTo(line);
      assertThat(kafka.endOffsets(Topics.INGEST_CHUNKS)).isEqualTo(chunksBefore);
      assertThat(kafka.endOffsets(Topics.INGEST_DATASETS)).isEqualTo(datasetsBefore);
    }
    given().get("/datasets/" + dataset).then().statusCode(404);
  }

  /** (case, spec, path, message fragment). */
  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of(
            "unknown key",
            "name: s\ndataset:\n  label: y\n  colour: red\n",
            "dataset.colour",
            "unknown key 'colour'"),
        Arguments.of(
            "bad value", "name: s\ndataset:\n  label: y\ntraining:\n  hidden: [0]\n",
            "training.hidden[0]", "must be between 1 and 8192"),
        Arguments.of(
            "bad name",
            "{\"name\": \"Not OK\", \"dataset\": {\"label\": \"y\"}}",
            "name",
            "must be lower-case"),
        Arguments.of("empty", "", "", "the pipeline spec is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void badSpecIsRefusedWithThePath(String name, String spec, String path, String fragment) {
    try (TestKafka kafka = kafka()) {
      Map<Integer, Long> chunksBefore = kafka.endOffsets(Topics.INGEST_CHUNKS);
      Response response = Uploads.upload(spec, Uploads.csv(30));
      response.then().statusCode(400);
      JsonPath body = response.jsonPath();
      assertThat(body.getString("path")).isEqualTo(path);
      assertThat(body.getString("error")).contains(fragment);
      assertThat(kafka.endOffsets(Topics.INGEST_CHUNKS)).isEqualTo(chunksBefore);
    }
  }

  @Test
  void ruleColumnMissingFromTheHeaderIsASpecError() {
    String spec =
        "name: ruled\nlabeling:\n  rule: {column: temp, op: gt, value: 1, then: hot,"
            + " otherwise: cold}\n";
    Response response = Uploads.upload(spec, Uploads.csv(30));
    response.then().statusCode(400);
    assertThat(response.jsonPath().getString("path")).isEqualTo("labeling.rule.column");
  }

  /** (case, spec, csv, message). */
  static Stream<Arguments> notEnough() {
    return Stream.of(
        Arguments.of(
            "few-rows",
            "name: few-rows\ndataset: {label: y, minRows: 50}\n",
            Uploads.csv(49),
            "not enough data: 49 rows, dataset.minRows asks for at least 50"),
        Arguments.of(
            "one-class",
            "name: one-class\ndataset: {label: y, minRows: 2}\n",
            "x,y\n1,a\n2,a\n3,\n",
            "not enough data: the label column 'y' has 1 class ('a');" + " at least 2 are needed"),
        Arguments.of(
            "numeric-target",
            "name: numeric-target\ndataset: {label: y, minRows: 2, maxClasses: 3}\n",
            "x,y\n1,151\n2,75\n3,141\n4,206\n5,75\n",
            "too many classes: the label column 'y' has 4 distinct values, more than the 3"
                + " classes dataset.maxClasses allows; a numeric target with many values is a"
                + " regression target, which the trainer does not train yet"),
        Arguments.of(
            "empty-split",
            "name: empty-split\ndataset: {label: y, minRows: 10}\n"
                + "split: {train: 0.9, validation: 0.09, test: 0.01}\n",
            Uploads.csv(20),
            "not enough data: the test split is empty (20 rows, split.test = 0.01)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notEnough")
  void tooLittleDataIs422(String name, String spec, String csv, String message) {
    try (TestKafka kafka = kafka()) {
      Map<Integer, Long> chunksBefore = kafka.endOffsets(Topics.INGEST_CHUNKS);
      Map<Integer, Long> datasetsBefore = kafka.endOffsets(Topics.INGEST_DATASETS);
      Response response = Uploads.upload(spec, csv);
      response.then().statusCode(422);
      assertThat(response.jsonPath().getString("error")).isEqualTo(message);
      assertThat(kafka.endOffsets(Topics.INGEST_CHUNKS)).isEqualTo(chunksBefore);
      assertThat(kafka.endOffsets(Topics.INGEST_DATASETS)).isEqualTo(datasetsBefore);
    }
    given().get("/datasets/" + name).then().statusCode(404);
  }

  @Test
  void uploadAboveTheLimitIs413() {
    // The test profile's limit is 2 MiB.
    byte[] big = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) '1');
    Uploads.upload(Uploads.spec("too-big"), big).then().statusCode(413);
  }

  @Test
  void aDataPartBeforeTheSpecIsReadOnceTheSpecHasCome() {
    // The parts in the other order: the CSV waits in a temporary file until the spec is read.
    Response response =
        given()
            .multiPart("data", "data.csv", Uploads.csv(30).getBytes(), "text/csv")
            .multiPart("spec", Uploads.spec("data-first"))
            .when()
            .post("/datasets");
    response.then().statusCode(201);
    assertThat(response.jsonPath().getInt("rows")).isEqualTo(30);
    assertThat(response.header("Location")).isEqualTo("/datasets/data-first/versions/1");
  }

  @Test
  void aBodyThatIsNotMultipartIs400() {
    given()
        .contentType("multipart/form-data; boundary=zz")
        .body("no parts at all".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/datasets")
        .then()
        .statusCode(400);
  }

  @Test
  void missingDataPartIs400() {
    Response response = given().multiPart("spec", Uploads.spec("no-data")).when().post("/datasets");
    response.then().statusCode(400);
    assertThat(response.jsonPath().getString("error")).contains("'data'");
  }
}
