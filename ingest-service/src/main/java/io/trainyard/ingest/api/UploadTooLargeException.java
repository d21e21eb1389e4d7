package io.trainyard.ingest.api;

/** An upload larger than {@code quarkus.http.limits.max-body-size} (HTTP 413). */
public class UploadTooLargeException extends RuntimeException {

  public UploadTooLargeException(String message) {
    super(message);
  }
}
