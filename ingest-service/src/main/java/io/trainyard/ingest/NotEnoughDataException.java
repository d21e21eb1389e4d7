package io.trainyard.ingest;

/**
 * A well-formed upload that cannot make a trainable data set (HTTP 422): too few rows, fewer than
 * two classes, or a split left empty. The message says which.
 */
public class NotEnoughDataException extends RuntimeException {

  public NotEnoughDataException(String reason) {
    super("not enough data: " + reason);
  }
}
