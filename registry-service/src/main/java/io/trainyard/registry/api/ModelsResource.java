package io.trainyard.registry.api;

import io.trainyard.registry.RegistryException;
import io.trainyard.registry.RegistryQueries;
import io.trainyard.registry.ResourceNames;
import io.trainyard.registry.api.RestViews.ErrorView;
import io.trainyard.registry.api.RestViews.ModelView;
import io.trainyard.registry.api.RestViews.ModelsPage;
import io.trainyard.registry.api.RestViews.VersionView;
import io.trainyard.registry.api.RestViews.VersionsPage;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The registry's queries on REST (the same as the gRPC API): {@code /models}, {@code
 * /models/{model}}, {@code /models/{model}/versions}, {@code /models/{model}/versions/{version}}
 * where {@code version} is a number, {@code latest} or another alias. Runs on a worker thread (the
 * MongoDB driver blocks).
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models", description = "Registered models and their versions")
public class ModelsResource {

  private final RegistryQueries queries;
  private final QueryMetrics metrics;

  public ModelsResource(RegistryQueries queries, QueryMetrics metrics) {
    this.queries = queries;
    this.metrics = metrics;
  }

  @GET
  @Operation(summary = "List models by name")
  public ModelsPage listModels(
      @QueryParam("pageSize") @DefaultValue("0") int pageSize,
      @QueryParam("pageToken") @DefaultValue("") String pageToken) {
    return metrics.count(
        QueryMetrics.REST,
        "list_models",
        () -> {
          var page = queries.listModels(pageSize, pageToken);
          return new ModelsPage(
              page.items().stream().map(ModelView::of).toList(), page.nextPageToken());
        });
  }

  @GET
  @Path("{model}")
  @Operation(summary = "Get a model")
  @APIResponse(responseCode = "200", description = "The model")
  @APIResponse(
      responseCode = "404",
      description = "No such model",
      content = @Content(schema = @Schema(implementation = ErrorView.class)))
  public ModelView getModel(@PathParam("model") String model) {
    return metrics.count(
        QueryMetrics.REST, "get_model", () -> ModelView.of(queries.getModel(model)));
  }

  @GET
  @Path("{model}/versions")
  @Operation(summary = "List a model's versions, oldest first")
  public VersionsPage listVersions(
      @PathParam("model") String model,
      @QueryParam("pageSize") @DefaultValue("0") int pageSize,
      @QueryParam("pageToken") @DefaultValue("") String pageToken) {
    return metrics.count(
        QueryMetrics.REST,
        "list_versions",
        () -> {
          var page = queries.listVersions(model, pageSize, pageToken);
          return new VersionsPage(
              page.items().stream().map(VersionView::of).toList(), page.nextPageToken());
        });
  }

  @GET
  @Path("{model}/versions/{version}")
  @Operation(summary = "Get a version by number, 'latest' or another alias")
  @APIResponse(responseCode = "200", description = "The version")
  @APIResponse(
      responseCode = "404",
      description = "No such model, version or alias",
      content = @Content(schema = @Schema(implementation = ErrorView.class)))
  public VersionView getVersion(
      @PathParam("model") String model,
      @Parameter(description = "a version number, 'latest' or an alias") @PathParam("version")
          String version) {
    return metrics.count(
        QueryMetrics.REST,
        "get_version",
        () -> VersionView.of(queries.getVersion(ResourceNames.versionSegment(model, version))));
  }

  @ServerExceptionMapper
  Response refused(RegistryException e) {
    Response.Status status =
        e.kind() == RegistryException.Kind.NOT_FOUND
            ? Response.Status.NOT_FOUND
            : Response.Status.BAD_REQUEST;
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorView(e.getMessage(), e.reason()))
        .build();
  }
}
