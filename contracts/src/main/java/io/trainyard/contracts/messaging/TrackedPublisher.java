package io.trainyard.contracts.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.trainyard.contracts.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a run of records through an emitter with a bounded number in flight, and collects where
 * they landed. {@link #finish()} waits for every acknowledgement and returns the ranges; a send
 * failure fails {@code finish()}.
 */
public final class TrackedPublisher {

  private final MutinyEmitter<byte[]> emitter;
  private final Semaphore inFlight;
  private final OffsetTracker tracker = new OffsetTracker();
  private final List<CompletableFuture<Void>> pending = new ArrayList<>();

  public TrackedPublisher(MutinyEmitter<byte[]> emitter, int maxInFlight) {
    this.emitter = emitter;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** Sends one record; blocks while {@code maxInFlight} records await their acknowledgement. */
  public void send(String key, com.google.protobuf.Message payload, String eventId) {
    send(key, payload.toByteArray(), EventTypes.of(payload), eventId);
  }

  /**
   * Sends one record whose payload is already in protobuf wire form (written by a {@code
   * WireWriter}), of CloudEvents type {@code type}; blocks as the other.
   */
  public void send(String key, byte[] payload, String type, String eventId) {
    OutgoingMessageMetadata<RecordMetadata> result = new OutgoingMessageMetadata<>();
    inFlight.acquireUninterruptibly();
    CompletableFuture<Void> sent =
        emitter
            .sendMessage(Envelopes.wrap(key, payload, type, eventId, result))
            .subscribeAsCompletionStage()
            .whenComplete(
                (ok, failure) -> {
                  inFlight.release();
                  if (failure == null) {
                    tracker.add(result.getResult());
                  }
                });
    synchronized (pending) {
      pending.add(sent);
    }
  }

  /**
   * A run of records of CloudEvents type {@code type}, already in wire format, through a new
   * publisher on {@code emitter} with at most {@code maxInFlight} unacknowledged.
   */
  public static EncodedRun run(MutinyEmitter<byte[]> emitter, String type, int maxInFlight) {
    TrackedPublisher publisher = new TrackedPublisher(emitter, maxInFlight);
    return new EncodedRun() {
      @Override
      public void send(String key, String eventId, byte[] payload) {
        publisher.send(key, payload, type, eventId);
      }

      @Override
      public List<io.trainyard.contracts.events.v1.OffsetRange> finish() {
        return publisher.finish().ranges();
      }
    };
  }

  /** Waits for every record sent so far and returns where they are. */
  public OffsetTracker finish() {
    CompletableFuture<?>[] all;
    synchronized (pending) {
      all = pending.toArray(CompletableFuture[]::new);
      pending.clear();
    }
    CompletableFuture.allOf(all).join();
    return tracker;
  }
}
