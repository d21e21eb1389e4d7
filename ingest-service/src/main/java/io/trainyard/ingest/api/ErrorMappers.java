package io.trainyard.ingest.api;

import io.trainyard.contracts.spec.SpecException;
import io.trainyard.ingest.NotEnoughDataException;
import io.trainyard.ingest.PublishFailedException;
import io.trainyard.ingest.scan.InvalidDataException;
import io.trainyard.ingest.versions.DatasetNotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the domain's refusals to HTTP statuses with an {@link ErrorBody}. */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response spec(SpecException e) {
    return json(400, new ErrorBody(e.getMessage(), e.path(), null));
  }

  @ServerExceptionMapper
  public Response invalidData(InvalidDataException e) {
    return json(400, new ErrorBody(e.getMessage(), null, e.line()));
  }

  @ServerExceptionMapper
  public Response notEnoughData(NotEnoughDataException e) {
    return json(422, ErrorBody.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response notFound(DatasetNotFoundException e) {
    return json(404, ErrorBody.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response publishFailed(PublishFailedException e) {
    return json(503, ErrorBody.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response tooLarge(UploadTooLargeException e) {
    return json(413, ErrorBody.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response badRequest(BadUploadException e) {
    return json(400, ErrorBody.of(e.getMessage()));
  }

  private static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
