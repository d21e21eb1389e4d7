package io.trainyard.ingest;

/**
 * A label column with more distinct values than {@code dataset.maxClasses} (HTTP 422, as every data
 * set that cannot be trained): most often a numeric target, which would otherwise become hundreds
 * of one-row classes and splits that cannot be stratified.
 */
public class TooManyClassesException extends NotEnoughDataException {

  public TooManyClassesException(String reason) {
    super("too many classes: ", reason);
  }
}
