package io.trainyard.ingest.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking {@link java.io.InputStream} for a worker thread, fed by the event
 * loop with a window of several MiB: the request is paused only when {@code high} bytes wait, and
 * resumed when the reader has brought them down to {@code low}. (Quarkus REST's own body stream
 * fetches one network buffer at a time, a round trip between the two threads per few KiB, so the
 * parser would wait on the network thread rather than on the client.)
 */
final class BodyPipe extends BulkInputStream {

  private final HttpServerRequest request;
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

  BodyPipe(HttpServerRequest request, Context context, long high, long low, long stallNanos) {
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

  private synchronized void offer(Buffer buffer) {
    if (buffer.length() == 0) {
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
