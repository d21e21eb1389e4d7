package io.trainyard.contracts.spec;

/** A pipeline spec that cannot be used; {@link #path()} names the bad field. */
public class SpecException extends RuntimeException {

  private final String path;

  public SpecException(String path, String message) {
    super((path == null || path.isEmpty() ? "" : path + ": ") + message);
    this.path = path;
  }

  /** Dotted path of the offending field, such as {@code training.hidden[1]}; empty for the root. */
  public String path() {
    return path;
  }
}
