package io.trainyard.evaluator.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.evaluator.ExperimentService;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code trainyard.training.results.v1}: TrainingCompleted is evaluated, TrainingFailed marks
 * the experiment FAILED (acked, no dead letter); anything else, and a model that cannot be
 * evaluated, is nacked to {@code trainyard.evaluation.dlq.v1} with the reason.
 */
@ApplicationScoped
public class ResultsConsumer {

  private final ExperimentService experiments;

  public ResultsConsumer(ExperimentService experiments) {
    this.experiments = experiments;
  }

  @Incoming("results")
  @Blocking(ordered = true) // loads a model (DJL), replays the test split from Kafka: blocking
  public CompletionStage<Void> onResult(Message<byte[]> message) {
    try {
      if (EventTypes.TRAINING_FAILED.equals(Envelopes.type(message).orElse(null))) {
        experiments.onFailed(
            Envelopes.unwrap(message, EventTypes.TRAINING_FAILED, TrainingFailed.parser()));
        return message.ack();
      }
      TrainingCompleted completed =
          Envelopes.unwrap(message, EventTypes.TRAINING_COMPLETED, TrainingCompleted.parser());
      experiments.onCompleted(completed);
      return message.ack();
    } catch (RuntimeException e) {
      return message.nack(e);
    }
  }
}
