package io.trainyard.ingest.api;

/** A multipart request without the parts {@code POST /datasets} needs (HTTP 400). */
public class BadUploadException extends RuntimeException {

  public BadUploadException(String message) {
    super(message);
  }
}
