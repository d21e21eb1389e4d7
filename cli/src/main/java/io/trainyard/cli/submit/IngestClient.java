package io.trainyard.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Uploads a data set to ingest: {@code POST /datasets}, multipart/form-data with the pipeline spec
 * as the text part {@code spec} and the CSV file as the file part {@code data} (streamed from disk,
 * not read into memory).
 */
public final class IngestClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  public IngestClient(String baseUrl) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    // HTTP/1.1, as curl sends an upload: a plain streamed body, no h2c upgrade and no HTTP/2
    // framing and flow control on a body of hundreds of MiB.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * Sends the upload and reads the answer.
   *
   * @throws IOException when ingest cannot be reached or the files cannot be read
   */
  public Upload submit(Path data, Path spec) throws IOException, InterruptedException {
    String boundary = "trainyard-" + UUID.randomUUID();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("datasets"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .timeout(Duration.ofMinutes(30))
            .POST(multipart(boundary, Files.readString(spec), data))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return parse(response.statusCode(), response.body());
  }

  /** The multipart body: the spec part, then the data part streamed from its file. */
  static HttpRequest.BodyPublisher multipart(String boundary, String specText, Path data)
      throws IOException {
    String head =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"spec\"\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + specText
            + "\r\n--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"data\"; filename=\""
            + data.getFileName().toString().replace("\"", "")
            + "\"\r\n"
            + "Content-Type: text/csv\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    return HttpRequest.BodyPublishers.concat(
        HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
        HttpRequest.BodyPublishers.ofFile(data),
        HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
  }

  /** Reads ingest's JSON answer; a body that is not JSON becomes the error text. */
  static Upload parse(int status, String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      String text = body == null ? "" : body.strip();
      return new Upload(
          status,
          null,
          0,
          0,
          Map.of(),
          Map.of(),
          text.length() > 500 ? text.substring(0, 500) : text,
          null);
    }
    if (status / 100 != 2) {
      String error = text(json, "error");
      if (error == null) {
        error = text(json, "message");
      }
      if (error == null) {
        error = json.toString();
      }
      return new Upload(status, null, 0, 0, Map.of(), Map.of(), error, text(json, "path"));
    }
    return new Upload(
        status,
        text(json, "datasetId"),
        json.path("version").asInt(),
        json.path("rows").asLong(),
        counts(json.path("splits")),
        counts(json.path("labelCounts")),
        null,
        null);
  }

  private static String text(JsonNode json, String field) {
    JsonNode n = json.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> out = new TreeMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    }
    return out;
  }
}
