package io.trainyard.toolkit.runtime;

import org.jboss.logging.Logger;

/**
 * Runs a stage's start-up warm-up (connections, class loading, a rehearsal of its hot paths on
 * synthetic data so the JIT has compiled them) on a low-priority daemon thread, so that the service
 * is ready at once and the first real data set does not run interpreted. A failing warm-up is
 * logged and otherwise ignored: it only ever saves time.
 */
public final class Warmups {

  private Warmups() {}

  /** The work of a warm-up; anything it throws is logged as the reason it was skipped. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** Starts {@code work} on a thread named {@code name}; logs how long it took to {@code log}. */
  public static Thread inBackground(String name, Logger log, Work work) {
    Thread thread =
        new Thread(
            () -> {
              long started = System.nanoTime();
              try {
                work.run();
                log.infof("warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
              } catch (Exception e) {
                log.warnf("warm-up skipped: %s", e.toString());
              }
            },
            name);
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }
}
