package io.trainyard.ingest.api;

import io.smallrye.common.annotation.Blocking;
import io.trainyard.ingest.DatasetNotFoundException;
import io.trainyard.ingest.DatasetRecord;
import io.trainyard.ingest.DatasetRepository;
import io.trainyard.ingest.Ingestor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /datasets} (multipart: {@code spec} text, {@code data} CSV file) ingests an upload;
 * {@code GET /datasets/{id}} and {@code GET /datasets/{id}/versions/{v}} show a version. Thin: the
 * work is the {@link Ingestor}'s.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final Ingestor ingestor;
  private final DatasetRepository repository;

  public DatasetResource(Ingestor ingestor, DatasetRepository repository) {
    this.ingestor = ingestor;
    this.repository = repository;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Blocking // reads the upload twice from disk and waits for Kafka and MongoDB
  public Response upload(@RestForm("spec") String spec, @RestForm("data") FileUpload data) {
    if (data == null || data.uploadedFile() == null) {
      throw new BadUploadException(
          "the multipart part 'data' (the CSV file) is missing; send it as a file part");
    }
    String source =
        data.fileName() == null || data.fileName().isBlank() ? "upload" : data.fileName();
    DatasetRecord record = ingestor.ingest(spec, data.uploadedFile(), "upload:" + source);
    return Response.created(
            URI.create("/datasets/" + record.datasetId() + "/versions/" + record.version()))
        .entity(DatasetView.of(record))
        .build();
  }

  @GET
  @Path("/{id}")
  @Blocking // MongoDB sync driver
  public DatasetView latest(@RestPath String id) {
    return repository
        .latest(id)
        .map(DatasetView::of)
        .orElseThrow(() -> new DatasetNotFoundException("no data set '" + id + "'"));
  }

  @GET
  @Path("/{id}/versions/{version}")
  @Blocking // MongoDB sync driver
  public DatasetView version(@RestPath String id, @RestPath int version) {
    return repository
        .find(id, version)
        .map(DatasetView::of)
        .orElseThrow(
            () ->
                new DatasetNotFoundException(
                    "no version " + version + " of data set '" + id + "'"));
  }
}
