package io.trainyard.registry.api;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.trainyard.registry.RegistryException;

/**
 * Turns a {@link RegistryException} into a gRPC status (AIP-193): NOT_FOUND or INVALID_ARGUMENT
 * with the message as description and a {@code google.rpc.ErrorInfo} detail carrying the reason.
 */
final class GrpcErrors {

  /** The ErrorInfo domain of the registry's errors. */
  static final String DOMAIN = "registry.trainyard.io";

  private GrpcErrors() {}

  static StatusRuntimeException toStatus(RegistryException e) {
    Code code =
        e.kind() == RegistryException.Kind.NOT_FOUND ? Code.NOT_FOUND : Code.INVALID_ARGUMENT;
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(e.getMessage())
            .addDetails(
                Any.pack(ErrorInfo.newBuilder().setReason(e.reason()).setDomain(DOMAIN).build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
