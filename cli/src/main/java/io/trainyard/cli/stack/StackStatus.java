package io.trainyard.cli.stack;

import java.nio.file.Path;

/**
 * Whether a stack of {@code trainyard up} runs, from its state file and the process it names.
 *
 * @param kind what was found
 * @param state the state file's content (null for {@link Kind#NONE})
 * @param stateFile where it was looked for
 */
public record StackStatus(Kind kind, StackState state, Path stateFile) {

  /** What the state file says. */
  public enum Kind {
    /** No state file: no stack runs here. */
    NONE,
    /** Its {@code up} process runs, the services are not ready yet. */
    STARTING,
    /** Its {@code up} process runs and the services are ready. */
    UP,
    /** A state file whose {@code up} process has ended without removing it (it was killed). */
    ENDED
  }

  /** The status for a state file's content ({@code null} when there is none). */
  public static StackStatus of(Path stateFile, StackState state) {
    if (state == null) {
      return new StackStatus(Kind.NONE, null, stateFile);
    }
    if (state.up().alive().isEmpty()) {
      return new StackStatus(Kind.ENDED, state, stateFile);
    }
    return new StackStatus(state.ready() ? Kind.UP : Kind.STARTING, state, stateFile);
  }

  /** Why there are no addresses to take from here, in words (for anything but {@link Kind#UP}). */
  public String whyNotUp() {
    return switch (kind) {
      case NONE -> "no stack is running here (no " + stateFile + ")";
      case STARTING -> "the stack here is still starting (trainyard up, pid " + state.pid() + ")";
      case ENDED ->
          "the stack recorded in "
              + stateFile
              + " is not running (its trainyard up, pid "
              + state.pid()
              + ", has ended)";
      case UP -> "the stack is up";
    };
  }
}
