package io.trainyard.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trainyard.devstack.DevStackResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Versions, the GETs, 404s and the metrics the service exports. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class DatasetQueriesTest {

  @Test
  void eachUploadOfANameIsTheNextVersion() {
    JsonPath first =
        Uploads.upload(Uploads.spec("versions"), Uploads.csv(40))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    JsonPath second =
        Uploads.upload(Uploads.spec("versions"), Uploads.csv(41))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(first.getInt("version")).isEqualTo(1);
    assertThat(second.getInt("version")).isEqualTo(2);
    assertThat(second.getLong("rows")).isEqualTo(41);
    // 20 of a, 20 of b: 14 / 4 / 2 each; the schema in file order.
    assertThat(first.getMap("splits")).isEqualTo(Map.of("train", 28, "validation", 8, "test", 4));
    assertThat(first.getMap("labelCounts")).isEqualTo(Map.of("a", 20, "b", 20));
    assertThat(first.getList("schema"))
        .isEqualTo(
            List.of(
                Map.of("name", "x", "kind", "NUMERIC"),
                Map.of("name", "colour", "kind", "CATEGORICAL"),
                Map.of("name", "y", "kind", "LABEL")));

    given().get("/datasets/versions").then().statusCode(200);
    assertThat(given().get("/datasets/versions").jsonPath().getInt("version")).isEqualTo(2);
    assertThat(given().get("/datasets/versions/versions/1").jsonPath().getLong("rows"))
        .isEqualTo(40);
  }

  @Test
  void specMayBeALongTextPartOrAFilePart() {
    String longSpec = "# " + "comment ".repeat(1000) + "\n" + Uploads.spec("long-spec");
    Uploads.upload(longSpec, Uploads.csv(20)).then().statusCode(201);
    given()
        .multiPart(
            "spec", "pipeline.yaml", Uploads.spec("spec-file").getBytes(), "application/yaml")
        .multiPart("data", "data.csv", Uploads.csv(20).getBytes(), "text/csv")
        .when()
        .post("/datasets")
        .then()
        .statusCode(201);
    assertThat(given().get("/datasets/spec-file").jsonPath().getLong("rows")).isEqualTo(20);
  }

  @Test
  void unknownIdsAre404WithAJsonError() {
    JsonPath body =
        given().get("/datasets/no-such-set").then().statusCode(404).extract().jsonPath();
    assertThat(body.getString("error")).isEqualTo("no data set 'no-such-set'");
    given().get("/datasets/no-such-set/versions/1").then().statusCode(404);
    Uploads.upload(Uploads.spec("known"), Uploads.csv(20)).then().statusCode(201);
    assertThat(
            given()
                .get("/datasets/known/versions/99")
                .then()
                .statusCode(404)
                .extract()
                .jsonPath()
                .getString("error"))
        .isEqualTo("no version 99 of data set 'known'");
    given().get("/datasets/known/versions/latest").then().statusCode(404);
  }

  @Test
  void metricsAreExported() {
    Uploads.upload(Uploads.spec("metered"), Uploads.csv(20)).then().statusCode(201);
    Uploads.upload(Uploads.spec("metered"), "x,colour,y\n1,2\n").then().statusCode(400);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("trainyard_ingest_datasets_total{outcome=\"processed\"}")
        .contains("trainyard_ingest_datasets_total{outcome=\"rejected\"}")
        .contains("trainyard_ingest_rejected_total{reason=\"csv\"}")
        .contains("trainyard_ingest_rows_total")
        .contains("trainyard_ingest_duration_seconds_count");
  }
}
