package io.trainyard.ingest.api;

import io.smallrye.common.annotation.Blocking;
import io.trainyard.ingest.versions.DatasetNotFoundException;
import io.trainyard.ingest.versions.DatasetRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code GET /datasets/{id}} and {@code GET /datasets/{id}/versions/{v}} show a version. Thin: the
 * work is the repository's. {@code POST /datasets} is the {@link UploadRoute}, which reads the
 * upload as it arrives.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final DatasetRepository repository;

  public DatasetResource(DatasetRepository repository) {
    this.repository = repository;
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
