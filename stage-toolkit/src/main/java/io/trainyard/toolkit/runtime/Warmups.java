package io.trainyard.toolkit.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * A service's warm-up: runs its {@link Rehearsal}s one after another on a low-priority daemon
 * thread, so that the service is ready at once and yet its first real data set does not run
 * interpreted, and tells how far it got. A rehearsal that fails is logged with its reason and the
 * next one still runs: a warm-up only ever saves time. {@link WarmupCheck} starts it after start
 * and reports it; this class holds the logic, so that it is tested without a container.
 */
public final class Warmups {

  /** Where a warm-up stands. */
  public enum State {
    /** Switched off ({@link WarmupConfig#enabled()}). */
    OFF,
    /** Not started yet. */
    PENDING,
    RUNNING,
    /** Every rehearsal ran to its end (or there was none). */
    DONE,
    /** Every rehearsal ran, and at least one was cut short ({@link #failures()}). */
    FAILED
  }

  /** The name of the thread that rehearses. */
  public static final String THREAD = "warm-up";

  private static final Logger LOG = Logger.getLogger(Warmups.class);

  private final List<Rehearsal> rehearsals;
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private volatile State state;
  private volatile long millis = -1;
  private Thread thread;

  /** A warm-up of {@code rehearsals}, in that order; switched off unless {@code enabled}. */
  public Warmups(boolean enabled, List<Rehearsal> rehearsals) {
    this.rehearsals = List.copyOf(rehearsals);
    this.state = enabled ? State.PENDING : State.OFF;
  }

  /**
   * Starts the rehearsals on a daemon thread of the lowest priority ({@link #THREAD}), once; does
   * nothing when switched off or started already. Returns the thread, or null when none runs.
   */
  public synchronized Thread start() {
    if (state != State.PENDING) {
      return thread;
    }
    if (rehearsals.isEmpty()) {
      millis = 0;
      state = State.DONE;
      return null;
    }
    state = State.RUNNING;
    thread = new Thread(this::rehearseAll, THREAD);
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  private void rehearseAll() {
    long started = System.nanoTime();
    boolean ended = false;
    try {
      for (Rehearsal rehearsal : rehearsals) {
        long from = System.nanoTime();
        try {
          rehearsal.rehearse();
          LOG.infof("warm-up: %s rehearsed in %d ms", rehearsal.name(), since(from));
        } catch (Exception | LinkageError e) {
          // A linkage error too: a class the rehearsal reaches that fails to load says nothing
          // about the others.
          failures.add(rehearsal.name() + ": " + e);
          LOG.warnf("warm-up: %s cut short: %s", rehearsal.name(), e.toString());
        }
      }
      ended = true;
    } finally {
      millis = since(started);
      state = ended && failures.isEmpty() ? State.DONE : State.FAILED;
    }
  }

  private static long since(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** Where the warm-up stands. */
  public State state() {
    return state;
  }

  /** The names of the rehearsals, in the order they run. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    rehearsals.forEach(r -> names.add(r.name()));
    return names;
  }

  /** Each rehearsal cut short, with its reason. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** How long all rehearsals took, in milliseconds; -1 until they have ended. */
  public long millis() {
    return millis;
  }
}
