package io.trainyard.ingest.scan;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The threads that parse the blocks of uploads ({@link ParallelScan}), one per core by default,
 * shared by the uploads in progress. Whoever creates a pool closes it: the service creates one at
 * start and closes it at shutdown ({@code config.IngestBeans}); a {@link ParallelScan} given none
 * starts one for its scan and closes it at the end. {@link #close()} returns once every thread of
 * the pool has ended; a scan that submits a block after that is refused.
 */
public final class ParsePool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ParsePool.class);

  /** How long {@link #close()} waits for the threads: a block takes milliseconds to parse. */
  private static final long STOP_SECONDS = 10;

  private final ThreadPoolExecutor executor;
  private final int threads;

  /** A pool of one thread per core. */
  public static ParsePool perCore() {
    return new ParsePool(Runtime.getRuntime().availableProcessors());
  }

  /** A pool of {@code threads} threads, named {@code ingest-parse-N}, started as blocks come. */
  public ParsePool(int threads) {
    this(threads, named("ingest-parse-"));
  }

  /** As {@link #ParsePool(int)}, with threads from {@code factory}. */
  public ParsePool(int threads, ThreadFactory factory) {
    this.threads = Math.max(1, threads);
    this.executor =
        new ThreadPoolExecutor(
            this.threads,
            this.threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            factory);
  }

  /** The number of threads: what the scans size their window of blocks in flight by. */
  public int threads() {
    return threads;
  }

  /** Runs {@code task} on a thread of the pool. */
  <T> Future<T> submit(Callable<T> task) {
    return executor.submit(task);
  }

  /** Whether the pool is closed and every thread of it has ended. */
  public boolean isTerminated() {
    return executor.isTerminated();
  }

  /**
   * Stops the pool: blocks not yet started are dropped, a scan still submitting is refused, and the
   * call returns once the threads have ended.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
        LOG.warnf("parse threads still running %d s after the pool was closed", STOP_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> new Thread(task, prefix + count.incrementAndGet());
  }
}
