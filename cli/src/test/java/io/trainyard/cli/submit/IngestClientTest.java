package io.trainyard.cli.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload over real HTTP, against a stand-in for ingest's POST /datasets (JDK HttpServer). */
class IngestClientTest {

  @TempDir Path tmp;

  private HttpServer server;
  private final AtomicReference<String> contentType = new AtomicReference<>();
  private final AtomicReference<String> body = new AtomicReference<>();
  private volatile int status = 201;
  private volatile String answer = "";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/datasets",
        exchange -> {
          contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void sendsSpecAndDataAsMultipartAndReadsTheSealedVersion() throws Exception {
    Path csv = Files.writeString(tmp.resolve("tiny.csv"), "a,label\n1,x\n2,y\n");
    Path spec = Files.writeString(tmp.resolve("p.yaml"), "name: tiny\ndataset:\n  label: label\n");
    answer =
        "{\"datasetId\":\"tiny\",\"version\":2,\"rows\":569,"
            + "\"splits\":{\"train\":398,\"validation\":114,\"test\":57},"
            + "\"labelCounts\":{\"malignant\":212,\"benign\":357},\"state\":\"SEALED\"}";

    Upload upload = new IngestClient(url()).submit(csv, spec);

    String boundary = contentType.get().replaceFirst("^multipart/form-data; boundary=", "");
    assertThat(contentType.get()).startsWith("multipart/form-data; boundary=trainyard-");
    assertThat(body.get())
        .isEqualTo(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "name: tiny\ndataset:\n  label: label\n"
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"tiny.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "a,label\n1,x\n2,y\n"
                + "\r\n--"
                + boundary
                + "--\r\n");
    assertThat(upload.accepted()).isTrue();
    assertThat(upload.summary())
        .isEqualTo(
            "submitted tiny v2: 569 rows (train 398 / validation 114 / test 57);"
                + " labels benign 357, malignant 212");
  }

  @Test
  void aRefusalCarriesTheServersReasonAndSpecPath() throws Exception {
    Path csv = Files.writeString(tmp.resolve("d.csv"), "a\n1\n");
    Path spec = Files.writeString(tmp.resolve("p.json"), "{\"name\":\"x\"}");
    status = 400;
    answer =
        "{\"error\":\"training.hidden[0]: must be between 1 and 8192, got 0\","
            + "\"path\":\"training.hidden[0]\"}";

    Upload upload = new IngestClient(url()).submit(csv, spec);

    assertThat(upload.accepted()).isFalse();
    assertThat(upload.summary())
        .isEqualTo(
            "ingest refused the upload (400): training.hidden[0]: must be between 1 and 8192,"
                + " got 0 [spec field training.hidden[0]]");
  }

  @Test
  void aBodyThatIsNotJsonBecomesTheReason() {
    Upload upload = IngestClient.parse(413, "Request Entity Too Large");
    assertThat(upload.summary())
        .isEqualTo("ingest refused the upload (413): Request Entity Too Large");
    assertThat(IngestClient.parse(422, "{\"error\":\"not enough data: 12 rows, need 50\"}").error())
        .isEqualTo("not enough data: 12 rows, need 50");
    assertThat(IngestClient.parse(201, "{\"datasetId\":\"d\",\"version\":1}").splits())
        .isEqualTo(Map.of());
  }
}
