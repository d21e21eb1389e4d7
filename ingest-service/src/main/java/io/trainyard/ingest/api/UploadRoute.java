package io.trainyard.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.ingest.Ingestor;
import io.trainyard.ingest.NotEnoughDataException;
import io.trainyard.ingest.PublishFailedException;
import io.trainyard.ingest.scan.InvalidDataException;
import io.trainyard.ingest.versions.DatasetRecord;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /datasets} (multipart: {@code spec} text, {@code data} CSV file): reads the body as
 * it arrives ({@link BodyPipe}, {@link MultipartReader}) and hands the {@code data} part straight
 * to the validating pass, so parsing the CSV overlaps with receiving it and the upload is never
 * written to disk whole. A {@code data} part that comes before the spec is parked in a temporary
 * file until the spec has come. Answers as the REST resource would: 201 with the version, or the
 * error JSON of {@link ErrorMappers} (400, 413, 422, 503). A plain Vert.x route because the REST
 * layer's body stream fetches a few KiB at a time, a hand-over between threads each time, and the
 * upload should arrive as fast as it can be parsed.
 */
@ApplicationScoped
public class UploadRoute {

  private static final Logger LOG = Logger.getLogger(UploadRoute.class);

  /** A spec part larger than this is refused: a spec is a few KiB. */
  static final int MAX_SPEC_BYTES = 1 << 20;

  /** The body waiting for the parser at most before the client is slowed down (heap). */
  private static final long WINDOW_HIGH = 8L << 20;

  private static final long WINDOW_LOW = 2L << 20;
  private static final long STALL_NANOS = 120_000_000_000L;

  private final Ingestor ingestor;
  private final ObjectMapper json;
  private final long maxBodyBytes;

  public UploadRoute(
      Ingestor ingestor,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "1G")
          MemorySize maxBodySize) {
    this.ingestor = ingestor;
    this.json = json;
    this.maxBodyBytes = maxBodySize.asLongValue();
  }

  void register(@Observes Router router) {
    router.post("/datasets").order(-10).handler(this::upload);
  }

  private void upload(RoutingContext ctx) {
    ctx.request().pause();
    Context context = ctx.vertx().getOrCreateContext();
    BodyPipe pipe = new BodyPipe(ctx.request(), context, WINDOW_HIGH, WINDOW_LOW, STALL_NANOS);
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    pipe.start();
    ctx.vertx()
        .<Answer>executeBlocking(() -> handle(contentType, new LimitedInputStream(pipe)), false)
        .onComplete(
            done -> {
              Answer answer =
                  done.succeeded()
                      ? done.result()
                      : error(done.cause() == null ? null : done.cause());
              respond(ctx, answer);
            });
  }

  /** A status, a JSON body and, for 201, a location. */
  record Answer(int status, Object body, String location, boolean close) {}

  private Answer handle(String contentType, LimitedInputStream body) {
    MultipartReader parts = null;
    try {
      parts = new MultipartReader(body, contentType);
      DatasetRecord record = ingest(parts);
      parts.drain();
      return new Answer(
          201,
          DatasetView.of(record),
          "/datasets/" + record.datasetId() + "/versions/" + record.version(),
          false);
    } catch (RuntimeException | IOException e) {
      Answer answer = error(e);
      if (!answer.close() && parts != null) {
        // read the rest, so the client gets the answer rather than a reset connection
        try {
          parts.drain();
        } catch (IOException | RuntimeException ignored) {
          return new Answer(answer.status(), answer.body(), null, true);
        }
      }
      return answer;
    }
  }

  private DatasetRecord ingest(MultipartReader parts) throws IOException {
    String spec = null;
    String source = null;
    Path parked = null;
    DatasetRecord record = null;
    try {
      for (MultipartReader.Part part; (part = parts.next()) != null; ) {
        if ("spec".equals(part.name())) {
          spec = text(part.content());
        } else if ("data".equals(part.name())
            && part.fileName() != null
            && record == null
            && parked == null) {
          source = "upload:" + (part.fileName().isBlank() ? "upload" : part.fileName());
          if (spec != null) {
            record = ingestor.ingest(spec, part.content(), source);
          } else {
            parked = Files.createTempFile("trainyard-upload-", ".csv");
            Files.copy(part.content(), parked, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      if (record == null && parked != null) {
        record = ingestor.ingest(spec, parked, source);
      }
    } finally {
      if (parked != null) {
        Files.deleteIfExists(parked);
      }
    }
    if (record == null) {
      throw new BadUploadException(
          "the multipart part 'data' (the CSV file) is missing; send it as a file part");
    }
    return record;
  }

  private static String text(InputStream part) throws IOException {
    byte[] bytes = part.readNBytes(MAX_SPEC_BYTES + 1);
    if (bytes.length > MAX_SPEC_BYTES) {
      throw new BadUploadException("the 'spec' part is larger than 1 MiB");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The answer to a failure, as {@link ErrorMappers} gives it. */
  static Answer error(Throwable e) {
    Throwable t = e;
    if (t instanceof SpecException s) {
      return new Answer(400, new ErrorBody(s.getMessage(), s.path(), null), null, false);
    }
    if (t instanceof InvalidDataException i) {
      return new Answer(400, new ErrorBody(i.getMessage(), null, i.line()), null, false);
    }
    if (t instanceof NotEnoughDataException) {
      return new Answer(422, ErrorBody.of(t.getMessage()), null, false);
    }
    if (t instanceof BadUploadException) {
      return new Answer(400, ErrorBody.of(t.getMessage()), null, false);
    }
    if (t instanceof UploadTooLargeException) {
      return new Answer(413, ErrorBody.of(t.getMessage()), null, true);
    }
    if (t instanceof PublishFailedException) {
      return new Answer(503, ErrorBody.of(t.getMessage()), null, false);
    }
    if (t instanceof IOException || t instanceof UncheckedIOException) {
      return new Answer(400, ErrorBody.of("cannot read the upload: " + t.getMessage()), null, true);
    }
    LOG.error("upload failed", t);
    String why = t == null || t.getMessage() == null ? "internal error" : t.getMessage();
    return new Answer(500, ErrorBody.of(why), null, false);
  }

  private void respond(RoutingContext ctx, Answer answer) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    String body;
    try {
      body = json.writeValueAsString(answer.body());
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"cannot write the answer\"}";
    }
    response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (answer.location() != null) {
      response.putHeader(HttpHeaders.LOCATION, answer.location());
    }
    if (answer.close()) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.end(body);
  }

  /** Counts the body's bytes and refuses it past the configured limit. */
  private final class LimitedInputStream extends FilterInputStream {
    private long read;

    LimitedInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBodyBytes) {
        throw new UploadTooLargeException(
            "the upload is larger than "
                + maxBodyBytes
                + " bytes (quarkus.http.limits.max-body-size)");
      }
    }
  }
}
