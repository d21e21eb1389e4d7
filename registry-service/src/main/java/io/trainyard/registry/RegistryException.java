package io.trainyard.registry;

/**
 * A query the registry refuses: the resource does not exist, or the request is malformed. {@link
 * #reason()} is a stable, machine-readable code (AIP-193 style, e.g. {@code MODEL_NOT_FOUND}); the
 * message says why in words. The API edges map it to a gRPC status or an HTTP status.
 */
public class RegistryException extends RuntimeException {

  /** What went wrong, in the terms of both APIs. */
  public enum Kind {
    /** gRPC NOT_FOUND, HTTP 404. */
    NOT_FOUND,
    /** gRPC INVALID_ARGUMENT, HTTP 400. */
    INVALID_ARGUMENT
  }

  private final Kind kind;
  private final String reason;

  public RegistryException(Kind kind, String reason, String message) {
    super(message);
    this.kind = kind;
    this.reason = reason;
  }

  public static RegistryException notFound(String reason, String message) {
    return new RegistryException(Kind.NOT_FOUND, reason, message);
  }

  public static RegistryException invalid(String reason, String message) {
    return new RegistryException(Kind.INVALID_ARGUMENT, reason, message);
  }

  public Kind kind() {
    return kind;
  }

  /** A stable code such as {@code MODEL_NOT_FOUND} or {@code INVALID_NAME}. */
  public String reason() {
    return reason;
  }
}
