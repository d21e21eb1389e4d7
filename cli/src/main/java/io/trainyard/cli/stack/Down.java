package io.trainyard.cli.stack;

import io.trainyard.cli.ExitCodes;
import io.trainyard.cli.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code trainyard down}: asks the running {@code trainyard up} to stop (SIGTERM, the same path as
 * its Ctrl-C) and waits until it has stopped the services and the stack. A state file left by an
 * {@code up} that was killed is cleaned up: the processes it names that still run are stopped.
 */
public final class Down {

  private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(15);

  private final PrintStream out;
  private final PrintStream err;

  public Down(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * @param home where the stack's state file is
   * @param timeout how long {@code up} may take to stop before it and its processes are killed
   */
  public int run(StackHome home, Duration timeout) {
    StackStatus status;
    try {
      status = home.status();
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return ExitCodes.FAILED;
    }
    StackState state = status.state();
    ProcessHandle up = state == null ? null : state.up().alive().orElse(null);
    if (up == null) {
      return cleanUp(status);
    }
    out.println("stopping the stack (trainyard up, pid " + state.pid() + ")");
    up.destroy();
    try {
      up.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      List<ProcessHandle> started = up.descendants().toList();
      up.destroyForcibly();
      started.forEach(ProcessHandle::destroyForcibly);
      ProcessRef.stopAll(state.processes(), Duration.ZERO);
      err.println(
          "trainyard up (pid "
              + state.pid()
              + ") did not stop within "
              + Units.formatDuration(timeout)
              + ": killed it and the "
              + processes(started.size())
              + " it started; see "
              + state.logs());
      return ExitCodes.TIMED_OUT;
    } catch (ExecutionException e) {
      // onExit() does not fail
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    }
    int left = ProcessRef.stopAll(state.processes(), LEFTOVER_GRACE);
    out.println(
        "stopped"
            + (left > 0 ? " (and " + processes(left) + " it left running)" : "")
            + "; data kept in "
            + state.data());
    return ExitCodes.OK;
  }

  static String processes(int n) {
    return n == 1 ? "1 process" : n + " processes";
  }

  private int cleanUp(StackStatus status) {
    if (status.kind() == StackStatus.Kind.NONE) {
      out.println("no stack is running here (no " + status.stateFile() + ")");
      return ExitCodes.OK;
    }
    StackState state = status.state();
    int left = ProcessRef.stopAll(state.processes(), LEFTOVER_GRACE);
    try {
      Files.deleteIfExists(status.stateFile());
    } catch (IOException e) {
      err.println("could not remove " + status.stateFile() + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    out.println(
        "no stack is running here: its trainyard up (pid "
            + state.pid()
            + ") ended without stopping it; removed "
            + status.stateFile()
            + (left > 0 ? " and stopped " + processes(left) + " it left running" : ""));
    return ExitCodes.OK;
  }
}
