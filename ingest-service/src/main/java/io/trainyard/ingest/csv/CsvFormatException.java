package io.trainyard.ingest.csv;

/** A CSV file that breaks RFC 4180: bad quoting. {@link #line()} is the record's first line. */
public class CsvFormatException extends RuntimeException {

  private final long line;
  private final String reason;

  public CsvFormatException(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  /** What is wrong, without the line. */
  public String reason() {
    return reason;
  }

  /** 1-based line on which the offending record starts (the header is line 1). */
  public long line() {
    return line;
  }
}
