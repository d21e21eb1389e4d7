package io.trainyard.labeling.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.labeling.service.StreamPreparations;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.ingest.datasets.v1} for the spec and schema of each new version (from
 * DatasetOpened, or DatasetSealed), so its cleaned chunks can be batched as they come ({@link
 * StreamPreparations}). Only a hint: nothing is published from here. A record that is neither goes
 * to {@code trainyard.labeling.dlq.v1} with the reason.
 */
@ApplicationScoped
public class DatasetHintConsumer {

  private final StreamPreparations streams;

  public DatasetHintConsumer(StreamPreparations streams) {
    this.streams = streams;
  }

  @Incoming("datasets")
  @Blocking(ordered = true) // may look the version up in MongoDB
  public CompletionStage<Void> onDataset(Message<byte[]> message) {
    try {
      if (EventTypes.DATASET_OPENED.equals(Envelopes.type(message).orElse(null))) {
        DatasetOpened opened =
            Envelopes.unwrap(message, EventTypes.DATASET_OPENED, DatasetOpened.parser());
        streams.open(opened.getDataset(), opened.getSpecJson(), opened.getSchema());
      } else {
        DatasetSealed sealed =
            Envelopes.unwrap(message, EventTypes.DATASET_SEALED, DatasetSealed.parser());
        streams.open(sealed.getDataset(), sealed.getSpecJson(), sealed.getSchema());
      }
      return message.ack();
    } catch (PoisonEventException e) {
      return message.nack(e);
    } catch (RuntimeException e) {
      // A hint that cannot be used (e.g. the store is unreachable): the version will replay.
      return message.ack();
    }
  }
}
