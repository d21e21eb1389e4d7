package io.trainyard.evaluator.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.evaluator.EvaluatorOutput;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * TrainingRequested to {@code trainyard.training.requests.v1} (channel {@code requests}),
 * ModelEvaluated to {@code trainyard.evaluation.results.v1} (channel {@code evaluations}), keyed by
 * the model name; each send waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class KafkaEvaluatorOutput implements EvaluatorOutput {

  private final MutinyEmitter<byte[]> requests;
  private final MutinyEmitter<byte[]> evaluations;

  public KafkaEvaluatorOutput(
      @Channel("requests") MutinyEmitter<byte[]> requests,
      @Channel("evaluations") MutinyEmitter<byte[]> evaluations) {
    this.requests = requests;
    this.evaluations = evaluations;
  }

  @Override
  public void trainingRequested(TrainingRequested request) {
    requests.sendMessageAndAwait(
        Envelopes.wrap(request.getModelName(), request, request.getEventId()));
  }

  @Override
  public void modelEvaluated(ModelEvaluated evaluated) {
    evaluations.sendMessageAndAwait(
        Envelopes.wrap(evaluated.getModelName(), evaluated, evaluated.getEventId()));
  }
}
