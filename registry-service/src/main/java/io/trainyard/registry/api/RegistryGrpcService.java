package io.trainyard.registry.api;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.trainyard.contracts.registry.v1.GetModelRequest;
import io.trainyard.contracts.registry.v1.GetModelVersionRequest;
import io.trainyard.contracts.registry.v1.ListModelVersionsRequest;
import io.trainyard.contracts.registry.v1.ListModelVersionsResponse;
import io.trainyard.contracts.registry.v1.ListModelsRequest;
import io.trainyard.contracts.registry.v1.ListModelsResponse;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import io.trainyard.contracts.registry.v1.RegistryServiceGrpc;
import io.trainyard.registry.Page;
import io.trainyard.registry.RegisteredVersion;
import io.trainyard.registry.RegistryException;
import io.trainyard.registry.RegistryQueries;
import io.trainyard.registry.ResourceNames;
import java.util.function.Supplier;

/**
 * {@code trainyard.registry.v1.RegistryService} over gRPC, served on the HTTP port (the grpc-java
 * base generated from the contract's registry.proto in registry-grpc). Translates requests to
 * {@link RegistryQueries} and its errors to NOT_FOUND / INVALID_ARGUMENT.
 *
 * <p>No proto is compiled in this module: the registry-grpc jar carries a Jandex index, so the
 * Quarkus build sees this class as a {@code BindableService} and quarkus-grpc serves it.
 */
@GrpcService
public class RegistryGrpcService extends RegistryServiceGrpc.RegistryServiceImplBase {

  private final RegistryQueries queries;
  private final QueryMetrics metrics;

  public RegistryGrpcService(RegistryQueries queries, QueryMetrics metrics) {
    this.queries = queries;
    this.metrics = metrics;
  }

  @Override
  @Blocking // MongoDB sync driver
  public void getModel(GetModelRequest request, StreamObserver<Model> response) {
    call(
        response,
        "get_model",
        () -> ProtoMapper.model(queries.getModel(ResourceNames.parseModel(request.getName()))));
  }

  @Override
  @Blocking // MongoDB sync driver
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
    call(
        response,
        "list_models",
        () -> {
          var page = queries.listModels(request.getPageSize(), request.getPageToken());
          return ListModelsResponse.newBuilder()
              .addAllModels(page.items().stream().map(ProtoMapper::model).toList())
              .setNextPageToken(page.nextPageToken())
              .build();
        });
  }

  @Override
  @Blocking // MongoDB sync driver
  public void getModelVersion(
      GetModelVersionRequest request, StreamObserver<ModelVersion> response) {
    call(
        response,
        "get_version",
        () ->
            ProtoMapper.version(queries.getVersion(ResourceNames.parseVersion(request.getName()))));
  }

  @Override
  @Blocking // MongoDB sync driver
  public void listModelVersions(
      ListModelVersionsRequest request, StreamObserver<ListModelVersionsResponse> response) {
    call(
        response,
        "list_versions",
        () -> {
          String model = ResourceNames.parseModel(request.getParent());
          Page<RegisteredVersion> page =
              queries.listVersions(model, request.getPageSize(), request.getPageToken());
          return ListModelVersionsResponse.newBuilder()
              .addAllVersions(page.items().stream().map(ProtoMapper::version).toList())
              .setNextPageToken(page.nextPageToken())
              .build();
        });
  }

  private <T> void call(StreamObserver<T> response, String method, Supplier<T> query) {
    T answer;
    try {
      answer = metrics.count(QueryMetrics.GRPC, method, query);
    } catch (RegistryException e) {
      response.onError(GrpcErrors.toStatus(e));
      return;
    }
    response.onNext(answer);
    response.onCompleted();
  }
}
