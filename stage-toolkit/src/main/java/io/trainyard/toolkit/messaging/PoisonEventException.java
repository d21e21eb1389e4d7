package io.trainyard.toolkit.messaging;

/**
 * An incoming record that no retry can process: not the expected CloudEvents type, not parseable
 * protobuf, or missing a required field. The stage nacks it, SmallRye's dead-letter strategy sends
 * it to the stage's DLQ with this message as {@code dead-letter-reason}, and the stage goes on.
 */
public class PoisonEventException extends RuntimeException {

  public PoisonEventException(String message) {
    super(message);
  }

  public PoisonEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
