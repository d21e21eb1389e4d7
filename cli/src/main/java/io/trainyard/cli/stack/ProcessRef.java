package io.trainyard.cli.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process named in the state file: its pid and when it started. The start time tells a process
 * that is still running from a later one that got the same pid after it ended.
 *
 * @param name what it is ({@code up}, {@code stack}, a service's module name)
 * @param pid its process id
 * @param started when it started, or null where the system does not say
 */
public record ProcessRef(String name, long pid, Instant started) {

  /** Start times read twice may differ by the clock's tick; a reused pid starts much later. */
  private static final Duration SAME_START = Duration.ofSeconds(1);

  /** The process behind {@code handle}, as it is now. */
  public static ProcessRef of(String name, ProcessHandle handle) {
    return new ProcessRef(name, handle.pid(), handle.info().startInstant().orElse(null));
  }

  /** The process, if it is still running (the same process, not a later one with its pid). */
  public Optional<ProcessHandle> alive() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
  }

  /**
   * Stops those of {@code processes} that still run: SIGTERM, then a kill for any still running
   * after {@code grace}.
   *
   * @return how many were running
   */
  public static int stopAll(List<ProcessRef> processes, Duration grace) {
    List<ProcessHandle> running = new ArrayList<>();
    for (ProcessRef p : processes) {
      p.alive().ifPresent(running::add);
    }
    running.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : running) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        h.destroyForcibly();
      } catch (InterruptedException e) {
        h.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    return running.size();
  }

  private boolean sameStart(ProcessHandle handle) {
    Optional<Instant> now = handle.info().startInstant();
    if (started == null || now.isEmpty()) {
      return true; // nothing to tell them apart by: trust the pid
    }
    return Duration.between(started, now.get()).abs().compareTo(SAME_START) <= 0;
  }
}
