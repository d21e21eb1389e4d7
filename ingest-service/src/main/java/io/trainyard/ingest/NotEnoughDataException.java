package io.trainyard.ingest;

/**
 * A well-formed upload that cannot make a trainable data set (HTTP 422): too few rows, fewer than
 * two classes, a split left empty, or (as {@link TooManyClassesException}) more classes than the
 * spec allows. The message says which.
 */
public class NotEnoughDataException extends RuntimeException {

  public NotEnoughDataException(String reason) {
    this("not enough data: ", reason);
  }

  protected NotEnoughDataException(String kind, String reason) {
    super(kind + reason);
  }
}
