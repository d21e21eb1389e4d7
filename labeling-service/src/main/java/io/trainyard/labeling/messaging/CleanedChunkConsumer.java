package io.trainyard.labeling.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.wire.ChunkView;
import io.trainyard.labeling.service.StreamPreparations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.cleaning.chunks.v1} as cleaning publishes it and batches each cleaned
 * chunk of a streamed version ({@link StreamPreparations}); a record that is not a RowChunk goes to
 * {@code trainyard.labeling.dlq.v1} with the reason.
 */
@ApplicationScoped
public class CleanedChunkConsumer {

  private final StreamPreparations streams;

  public CleanedChunkConsumer(StreamPreparations streams) {
    this.streams = streams;
  }

  @Incoming("cleaned-chunks")
  @Blocking(
      ordered = true) // encodes thousands of rows and waits for the broker: off the event loop
  public CompletionStage<Void> onChunk(Message<byte[]> message) {
    try {
      streams.accept(ChunkView.unwrap(message));
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
