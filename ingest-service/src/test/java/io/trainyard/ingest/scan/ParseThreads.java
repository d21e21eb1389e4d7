package io.trainyard.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The threads of a test's {@link ParsePool}, kept as they are started, so that a test can see them
 * run while the pool serves and end once it is stopped.
 */
public final class ParseThreads implements ThreadFactory {

  private final List<Thread> started = new CopyOnWriteArrayList<>();

  /** A pool of {@code threads} threads from this factory. */
  public ParsePool pool(int threads) {
    return new ParsePool(threads, this);
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread t = new Thread(task, "test-parse-" + started.size());
    started.add(t);
    return t;
  }

  /** The threads started so far. */
  public List<Thread> started() {
    return started;
  }

  /** Waits until every thread started so far has ended; fails if one outlives a short wait. */
  public void awaitEnded() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
  }
}
