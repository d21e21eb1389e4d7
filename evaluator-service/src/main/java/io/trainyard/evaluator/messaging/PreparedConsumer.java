package io.trainyard.evaluator.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.evaluator.ExperimentService;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.labeling.datasets.v1} (DatasetPrepared) and asks for a training; anything
 * else is nacked to {@code trainyard.evaluation.dlq.v1} with the reason.
 */
@ApplicationScoped
public class PreparedConsumer {

  private final ExperimentService experiments;

  public PreparedConsumer(ExperimentService experiments) {
    this.experiments = experiments;
  }

  @Incoming("prepared")
  @Blocking(ordered = true) // MongoDB (sync driver) and a send awaited: blocking I/O
  public CompletionStage<Void> onPrepared(Message<byte[]> message) {
    try {
      DatasetPrepared prepared =
          Envelopes.unwrap(message, EventTypes.DATASET_PREPARED, DatasetPrepared.parser());
      experiments.onPrepared(prepared);
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
