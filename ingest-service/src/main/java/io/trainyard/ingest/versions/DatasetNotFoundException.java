package io.trainyard.ingest.versions;

/** No data set (or no such version of one) under the requested id (HTTP 404). */
public class DatasetNotFoundException extends RuntimeException {

  public DatasetNotFoundException(String message) {
    super(message);
  }
}
