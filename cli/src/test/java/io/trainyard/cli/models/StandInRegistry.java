package io.trainyard.cli.models;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.trainyard.contracts.registry.v1.GetModelVersionRequest;
import io.trainyard.contracts.registry.v1.ListModelsRequest;
import io.trainyard.contracts.registry.v1.ListModelsResponse;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import io.trainyard.contracts.registry.v1.RegistryServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the registry's gRPC API (the real one is tested in registry-service): one model
 * with one version, two pages of models, NOT_FOUND for anything else, as the registry answers.
 */
public final class StandInRegistry implements AutoCloseable {

  private final Server server;

  public StandInRegistry() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new Service())
            .build()
            .start();
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static final class Service extends RegistryServiceGrpc.RegistryServiceImplBase {
    @Override
    public void getModelVersion(GetModelVersionRequest request, StreamObserver<ModelVersion> out) {
      if (request.getName().equals("models/breast-cancer-mlp/versions/latest")) {
        out.onNext(ModelPrinterTest.version());
        out.onCompleted();
      } else if (request.getName().startsWith("models/nope")) {
        out.onError(
            Status.NOT_FOUND
                .withDescription("model 'nope' is not registered")
                .asRuntimeException());
      } else {
        out.onError(
            Status.INVALID_ARGUMENT
                .withDescription("'" + request.getName() + "' is not handled here")
                .asRuntimeException());
      }
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> out) {
      ListModelsResponse.Builder page = ListModelsResponse.newBuilder();
      if (request.getPageToken().isEmpty()) {
        page.addModels(Model.newBuilder().setModelId("a-model").setLatestVersion(1))
            .setNextPageToken("p2");
      } else {
        page.addModels(Model.newBuilder().setModelId("b-model").setLatestVersion(4));
      }
      out.onNext(page.build());
      out.onCompleted();
    }
  }
}
