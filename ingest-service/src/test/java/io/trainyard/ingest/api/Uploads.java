package io.trainyard.ingest.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;

/** Multipart uploads to {@code POST /datasets}, as the CLI sends them. */
final class Uploads {

  private Uploads() {}

  static Response upload(String spec, String csv) {
    return upload(spec, csv.getBytes(StandardCharsets.UTF_8));
  }

  static Response upload(String spec, byte[] csv) {
    return given()
        .multiPart("spec", spec)
        .multiPart("data", "data.csv", csv, "text/csv")
        .when()
        .post("/datasets");
  }

  /** A spec for a small labelled data set called {@code name}. */
  static String spec(String name) {
    return "name: " + name + "\ndataset:\n  label: y\n  minRows: 10\n  chunkRows: 7\n";
  }

  /** {@code rows} well-formed rows: x, a category, label y alternating a/b. */
  static String csv(int rows) {
    StringBuilder s = new StringBuilder("x,colour,y\n");
    for (int r = 1; r <= rows; r++) {
      s.append(r * 0.5).append(',').append(r % 3 == 0 ? "red" : "blue").append(',');
      s.append(r % 2 == 0 ? "a" : "b").append('\n');
    }
    return s.toString();
  }
}
