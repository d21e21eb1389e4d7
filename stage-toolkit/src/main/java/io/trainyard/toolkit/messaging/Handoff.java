package io.trainyard.toolkit.messaging;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Hands items from the thread that reads Kafka to one worker thread through a small bounded queue,
 * so reading and parsing the next chunks overlaps with the work on the previous ones (the stage has
 * two cores to use) while at most {@code capacity} chunks wait on the heap. A failure of the work
 * surfaces in the caller's next {@link #put} or in {@link #finish}.
 */
public final class Handoff<T> implements AutoCloseable {

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread worker;
  private volatile Throwable failure;

  public Handoff(String name, int capacity, Consumer<T> work) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker =
        new Thread(
            () -> {
              try {
                while (true) {
                  Object item = queue.take();
                  if (item == END) {
                    return;
                  }
                  if (failure == null) {
                    @SuppressWarnings("unchecked")
                    T t = (T) item;
                    work.accept(t);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Throwable e) {
                failure = e;
                queue.clear(); // unblock a waiting put; later items are dropped
                drain();
              }
            },
            name);
    worker.setDaemon(true);
    worker.start();
  }

  /** Keeps taking (and dropping) items after a failure until the end marker. */
  private void drain() {
    try {
      while (queue.take() != END) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues an item; blocks while the queue is full; fails fast once the work failed. */
  public void put(T item) {
    rethrow();
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits until every queued item is worked on; rethrows the work's failure. */
  public void finish() {
    try {
      queue.put(END);
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    rethrow();
  }

  private void rethrow() {
    Throwable f = failure;
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  /** Stops the worker if {@link #finish} was not reached (the reader failed). */
  @Override
  public void close() {
    if (worker.isAlive()) {
      worker.interrupt();
    }
  }
}
