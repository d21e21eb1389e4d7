package io.trainyard.cli.models;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trainyard.cli.ExitCodes;
import io.trainyard.contracts.registry.v1.GetModelVersionRequest;
import io.trainyard.contracts.registry.v1.ListModelsRequest;
import io.trainyard.contracts.registry.v1.ListModelsResponse;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import io.trainyard.contracts.registry.v1.RegistryServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The registry's gRPC API over a plaintext grpc-java channel. */
public final class RegistryClient implements AutoCloseable {

  /** A refusal or failure, in words, with the exit status it should lead to. */
  public static final class RegistryError extends RuntimeException {
    private final int exitCode;

    RegistryError(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final String target;
  private final ManagedChannel channel;
  private final RegistryServiceGrpc.RegistryServiceBlockingStub stub;

  /**
   * @param target {@code host:port} of the registry's HTTP port (gRPC shares it)
   */
  public RegistryClient(String target) {
    this.target = target;
    this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    this.stub = RegistryServiceGrpc.newBlockingStub(channel);
  }

  /** Every model, following the pages. */
  public List<Model> listModels() {
    List<Model> all = new ArrayList<>();
    String token = "";
    do {
      String current = token;
      ListModelsResponse page =
          call(
              () ->
                  stub.withDeadlineAfter(15, TimeUnit.SECONDS)
                      .listModels(
                          ListModelsRequest.newBuilder()
                              .setPageSize(1000)
                              .setPageToken(current)
                              .build()));
      all.addAll(page.getModelsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  /** A version by resource name. */
  public ModelVersion getVersion(String name) {
    return call(
        () ->
            stub.withDeadlineAfter(15, TimeUnit.SECONDS)
                .getModelVersion(GetModelVersionRequest.newBuilder().setName(name).build()));
  }

  private <T> T call(java.util.function.Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw translate(e);
    }
  }

  RegistryError translate(StatusRuntimeException e) {
    Status s = e.getStatus();
    String why = s.getDescription() == null ? s.getCode().toString() : s.getDescription();
    return switch (s.getCode()) {
      case NOT_FOUND -> new RegistryError("not found: " + why, ExitCodes.FAILED);
      case INVALID_ARGUMENT -> new RegistryError("invalid request: " + why, ExitCodes.USAGE);
      case UNAVAILABLE, DEADLINE_EXCEEDED ->
          new RegistryError(
              "cannot reach the registry at " + target + " (" + why + ")", ExitCodes.UNAVAILABLE);
      default ->
          new RegistryError("the registry failed: " + s.getCode() + " " + why, ExitCodes.FAILED);
    };
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
