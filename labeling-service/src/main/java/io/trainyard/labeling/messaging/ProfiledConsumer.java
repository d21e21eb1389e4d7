package io.trainyard.labeling.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.labeling.service.LabelingService;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.cleaning.profiles.v1} (DatasetProfiled only); anything else is nacked to
 * {@code trainyard.labeling.dlq.v1} with the reason.
 */
@ApplicationScoped
public class ProfiledConsumer {

  private final LabelingService labeling;

  public ProfiledConsumer(LabelingService labeling) {
    this.labeling = labeling;
  }

  @Incoming("profiles")
  @Blocking(
      ordered = true) // a whole data set is replayed from Kafka and written to Mongo: blocking I/O
  public CompletionStage<Void> onProfiled(Message<byte[]> message) {
    try {
      DatasetProfiled profiled =
          Envelopes.unwrap(message, EventTypes.DATASET_PROFILED, DatasetProfiled.parser());
      labeling.prepare(profiled);
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
