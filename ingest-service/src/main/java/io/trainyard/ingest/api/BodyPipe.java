package io.trainyard.ingest.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body (or one part of it) as a blocking {@link java.io.InputStream} for a worker thread,
 * fed by the event loop with a window of several MiB: the stream is paused only when {@code high}
 * bytes wait, and resumed when the reader has brought them down to {@code low}. (Quarkus REST's own
 * body stream fetches one network buffer at a time, a round trip between the two threads per few
 * KiB, which capped uploads at well under the speed the CSV can be parsed.)
 */
final class BodyPipe extends BulkInputStream {

  private final ReadStream<Buffer> request;
  private final Context context;
  private final long high;
  private final long low;
  private final long stallNanos;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private Buffer current;
  private int offset;
  private long queued;
  private boolean paused;
  private boolean ended;
  private Throwable failure;

  BodyPipe(ReadStream<Buffer> request, Context context, long high, long low, long stallNanos) {
    this.request = request;
    this.context = context;
    this.high = high;
    this.low = low;
    this.stallNanos = stallNanos;
  }

  /** Starts receiving (call on the request's event loop). */
  void start() {
    request.handler(this::offer);
    request.endHandler(v -> end());
    request.exceptionHandler(this::fail);
    request.resume();
  }

  private boolean discarding;

  private synchronized void offer(Buffer buffer) {
    if (buffer.length() == 0 || discarding) {
      return;
    }
    queue.add(buffer);
    queued += buffer.length();
    if (queued >= high && !paused) {
      paused = true;
      request.pause();
    }
    notifyAll();
  }

  /**
   * Drops what is queued and whatever comes after, with the stream resumed (the reader gave up: the
   * rest is received and discarded, so that the client gets the answer, not a reset).
   */
  synchronized void discard() {
    discarding = true;
    queue.clear();
    current = null;
    queued = 0;
    if (paused) {
      paused = false;
      context.runOnContext(v -> request.resume());
    }
  }

  private synchronized void end() {
    ended = true;
    notifyAll();
  }

  private synchronized void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    notifyAll();
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long waitedFrom = System.nanoTime();
    while (current == null || offset == current.length()) {
      current = queue.poll();
      offset = 0;
      if (current != null) {
        continue;
      }
      if (failure != null) {
        throw new IOException("the upload failed: " + failure.getMessage(), failure);
      }
      if (ended) {
        return -1;
      }
      long left = stallNanos - (System.nanoTime() - waitedFrom);
      if (left <= 0) {
        throw new IOException("the upload stalled: no data for " + stallNanos / 1_000_000 + " ms");
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the upload");
      }
    }
    int n = Math.min(len, current.length() - offset);
    current.getBytes(offset, offset + n, b, off);
    offset += n;
    queued -= n;
    if (paused && queued <= low) {
      paused = false;
      context.runOnContext(v -> request.resume());
    }
    return n;
  }
}
