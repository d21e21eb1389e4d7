package io.trainyard.cleaning.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.cleaning.service.StreamProfiles;
import io.trainyard.contracts.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.ingest.chunks.v1} as ingest publishes it and folds each raw chunk (read
 * straight from its bytes by {@link ChunkView#unwrap}, with the checks of {@code Envelopes.unwrap})
 * into its version's pass-1 statistics ({@link StreamProfiles}); a record that is not a RowChunk
 * goes to {@code trainyard.cleaning.dlq.v1} with the reason. Nothing is published from here:
 * DatasetSealed decides, and replays what the stream missed.
 */
@ApplicationScoped
public class RawChunkConsumer {

  private final StreamProfiles streams;

  public RawChunkConsumer(StreamProfiles streams) {
    this.streams = streams;
  }

  @Incoming("raw-chunks")
  @Blocking(ordered = true) // parses and folds a chunk of thousands of rows: off the event loop
  public CompletionStage<Void> onChunk(Message<byte[]> message) {
    try {
      streams.accept(ChunkView.unwrap(message));
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
