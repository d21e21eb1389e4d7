package io.trainyard.ingest.scan;

/**
 * An upload whose CSV cannot be ingested as it is (HTTP 400): the message starts with the line it
 * is about ({@code "line 17: expected 31 fields, found 30"}).
 */
public class InvalidDataException extends RuntimeException {

  private final long line;

  public InvalidDataException(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
  }

  /** 1-based line of the offending record (the header is line 1). */
  public long line() {
    return line;
  }
}
