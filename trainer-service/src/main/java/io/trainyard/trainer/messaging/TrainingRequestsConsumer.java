package io.trainyard.trainer.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.trainer.TrainingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.training.requests.v1}. A request that trains or fails is acked (a failure
 * is published as TrainingFailed); a record that is not a readable TrainingRequested is nacked to
 * {@code trainyard.training.dlq.v1} with the reason.
 */
@ApplicationScoped
public class TrainingRequestsConsumer {

  private final TrainingService training;

  public TrainingRequestsConsumer(TrainingService training) {
    this.training = training;
  }

  @Incoming("requests")
  @Blocking(ordered = true) // trains a model (minutes of DJL work) and writes to Mongo: blocking
  public CompletionStage<Void> onRequest(Message<byte[]> message) {
    try {
      TrainingRequested request =
          Envelopes.unwrap(message, EventTypes.TRAINING_REQUESTED, TrainingRequested.parser());
      training.handle(request);
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
