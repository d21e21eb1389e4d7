package io.trainyard.ingest.api;

import io.trainyard.ingest.Ingestor;
import io.trainyard.ingest.versions.DatasetRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One {@code POST /datasets} read with Vert.x's own multipart decoding ({@link
 * HttpServerRequest#setExpectMultipart}, {@link HttpServerRequest#uploadHandler}): each file part
 * comes as a stream. A {@code data} file part that comes after a {@code spec} file part is handed
 * to the validating pass as it arrives ({@link BodyPipe}); Vert.x gives text parts only once the
 * whole body is in ({@link HttpServerRequest#formAttributes}), so a {@code data} part after a text
 * {@code spec} part (or before the spec) is parked in a temporary file and read when the body has
 * ended.
 */
final class VertxUpload {

  private final RoutingContext ctx;
  private final Ingestor ingestor;
  private final long maxBodyBytes;
  private final Consumer<UploadRoute.Answer> respond;
  private final Context context;

  private long received;
  private boolean answered;
  private Buffer specFile;
  private boolean specComplete;
  private boolean dataSeen;
  private String source;
  private BodyPipe pipe;
  private Future<DatasetRecord> streamed;
  private Path parked;
  private Future<Void> parking;

  VertxUpload(
      RoutingContext ctx,
      Ingestor ingestor,
      long maxBodyBytes,
      Consumer<UploadRoute.Answer> respond) {
    this.ctx = ctx;
    this.ingestor = ingestor;
    this.maxBodyBytes = maxBodyBytes;
    this.respond = respond;
    this.context = ctx.vertx().getOrCreateContext();
  }

  /** Starts reading the request (on its event loop). */
  void start() {
    HttpServerRequest request = ctx.request();
    try {
      request.setExpectMultipart(true);
    } catch (IllegalStateException e) {
      answer(
          UploadRoute.error(
              new BadUploadException("expected a multipart/form-data body with a boundary")));
      return;
    }
    request.handler(this::count);
    request.uploadHandler(this::part);
    request.exceptionHandler(this::failed);
    request.endHandler(v -> end());
    request.resume();
  }

  private void count(Buffer chunk) {
    received += chunk.length();
    if (received > maxBodyBytes && !answered) {
      failed(
          new UploadTooLargeException(
              "the upload is larger than "
                  + maxBodyBytes
                  + " bytes (quarkus.http.limits.max-body-size)"));
    }
  }

  private void part(HttpServerFileUpload part) {
    if ("spec".equals(part.name())) {
      specFile = Buffer.buffer();
      part.handler(
          b -> {
            if (specFile.length() <= UploadRoute.MAX_SPEC_BYTES) {
              specFile.appendBuffer(b);
            }
          });
      part.endHandler(v -> specComplete = true);
      return;
    }
    if (!"data".equals(part.name()) || dataSeen) {
      part.handler(b -> {});
      return;
    }
    dataSeen = true;
    source = "upload:" + (part.filename().isBlank() ? "upload" : part.filename());
    if (specComplete) {
      String spec;
      try {
        spec = specText();
      } catch (BadUploadException e) {
        part.handler(b -> {});
        streamed = Future.failedFuture(e);
        return;
      }
      pipe =
          new BodyPipe(
              part,
              context,
              UploadRoute.WINDOW_HIGH,
              UploadRoute.WINDOW_LOW,
              UploadRoute.STALL_NANOS);
      pipe.start();
      BodyPipe reading = pipe;
      streamed =
          ctx.vertx()
              .executeBlocking(() -> ingestor.ingest(spec, reading, source), false)
              .onFailure(e -> reading.discard());
      return;
    }
    try {
      parked = Files.createTempFile("trainyard-upload-", ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parking = part.streamToFileSystem(parked.toString());
  }

  /** The spec of a file part, refused past 1 MiB. */
  private String specText() {
    if (specFile.length() > UploadRoute.MAX_SPEC_BYTES) {
      throw new BadUploadException("the 'spec' part is larger than 1 MiB");
    }
    return specFile.toString(StandardCharsets.UTF_8);
  }

  private void end() {
    if (answered) {
      return;
    }
    if (streamed != null) {
      streamed.onComplete(done -> answer(done.succeeded() ? created(done.result()) : err(done)));
      return;
    }
    if (parking != null) {
      String spec;
      try {
        spec = specFile != null ? specText() : ctx.request().getFormAttribute("spec");
      } catch (BadUploadException e) {
        deleteParked();
        answer(UploadRoute.error(e));
        return;
      }
      Path file = parked;
      String from = source;
      parking
          .compose(v -> ctx.vertx().executeBlocking(() -> ingestor.ingest(spec, file, from), false))
          .onComplete(
              done -> {
                deleteParked();
                answer(done.succeeded() ? created(done.result()) : err(done));
              });
      return;
    }
    answer(
        UploadRoute.error(
            new BadUploadException(
                "the multipart part 'data' (the CSV file) is missing; send it as a file part")));
  }

  private void failed(Throwable t) {
    if (pipe != null) {
      pipe.discard();
    }
    deleteParked();
    if (!answered) {
      Throwable why =
          t instanceof UploadTooLargeException ? t : new IOException(String.valueOf(t), t);
      UploadRoute.Answer a = UploadRoute.error(why);
      answer(new UploadRoute.Answer(a.status(), a.body(), null, true));
    }
  }

  private static UploadRoute.Answer created(DatasetRecord record) {
    return new UploadRoute.Answer(
        201,
        DatasetView.of(record),
        "/datasets/" + record.datasetId() + "/versions/" + record.version(),
        false);
  }

  private static UploadRoute.Answer err(io.vertx.core.AsyncResult<?> done) {
    return UploadRoute.error(done.cause());
  }

  private void answer(UploadRoute.Answer answer) {
    if (answered) {
      return;
    }
    answered = true;
    respond.accept(answer);
  }

  private void deleteParked() {
    if (parked != null) {
      Path file = parked;
      parked = null;
      ctx.vertx().executeBlocking(() -> Files.deleteIfExists(file), false);
    }
  }
}
