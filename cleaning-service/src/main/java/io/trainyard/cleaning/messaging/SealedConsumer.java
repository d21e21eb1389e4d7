package io.trainyard.cleaning.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.cleaning.service.CleaningService;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.ingest.datasets.v1}: acts on DatasetSealed, ignores DatasetOpened (same
 * topic), and nacks anything else (to {@code trainyard.cleaning.dlq.v1} with the reason).
 */
@ApplicationScoped
public class SealedConsumer {

  private final CleaningService cleaning;

  public SealedConsumer(CleaningService cleaning) {
    this.cleaning = cleaning;
  }

  @Incoming("datasets")
  @Blocking(
      ordered = true) // a whole data set is replayed from Kafka and written to Mongo: blocking I/O
  public CompletionStage<Void> onDataset(Message<byte[]> message) {
    try {
      if (EventTypes.DATASET_OPENED.equals(Envelopes.type(message).orElse(null))) {
        return message.ack(); // a known event of this topic that cleaning does not act on
      }
      DatasetSealed sealed =
          Envelopes.unwrap(message, EventTypes.DATASET_SEALED, DatasetSealed.parser());
      cleaning.clean(sealed);
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
