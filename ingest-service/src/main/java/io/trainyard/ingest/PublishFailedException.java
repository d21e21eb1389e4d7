package io.trainyard.ingest;

/**
 * A valid upload that could not be published or recorded (HTTP 503): the broker or the store
 * failed. The version is marked FAILED and is never sealed; the upload can be retried.
 */
public class PublishFailedException extends RuntimeException {

  public PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
