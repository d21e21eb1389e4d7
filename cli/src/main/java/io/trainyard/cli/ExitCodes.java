package io.trainyard.cli;

/** Exit statuses of the {@code trainyard} command. */
public final class ExitCodes {

  /** Done: uploaded, registered, found. */
  public static final int OK = 0;

  /** The pipeline or the server said no: training failed, upload refused, model not found. */
  public static final int FAILED = 1;

  /** Bad arguments (picocli's own code for usage errors). */
  public static final int USAGE = 2;

  /** Gave up waiting. */
  public static final int TIMED_OUT = 3;

  /** A service or the broker could not be reached. */
  public static final int UNAVAILABLE = 4;

  private ExitCodes() {}
}
