package io.trainyard.trainer.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.trainer.TrainingOutput;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * EpochCompleted to {@code trainyard.training.epochs.v1} (channel {@code epochs});
 * TrainingCompleted and TrainingFailed to {@code trainyard.training.results.v1} (channel {@code
 * results}); all keyed by the model name. Each send waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class KafkaTrainingOutput implements TrainingOutput {

  private final MutinyEmitter<byte[]> epochs;
  private final MutinyEmitter<byte[]> results;

  public KafkaTrainingOutput(
      @Channel("epochs") MutinyEmitter<byte[]> epochs,
      @Channel("results") MutinyEmitter<byte[]> results) {
    this.epochs = epochs;
    this.results = results;
  }

  @Override
  public void epochCompleted(EpochCompleted event) {
    epochs.sendMessageAndAwait(Envelopes.wrap(event.getModelName(), event, event.getEventId()));
  }

  @Override
  public void trainingCompleted(TrainingCompleted event) {
    results.sendMessageAndAwait(Envelopes.wrap(event.getModelName(), event, event.getEventId()));
  }

  @Override
  public void trainingFailed(TrainingFailed event) {
    results.sendMessageAndAwait(Envelopes.wrap(event.getModelName(), event, event.getEventId()));
  }
}
