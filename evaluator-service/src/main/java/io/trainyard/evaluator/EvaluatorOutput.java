package io.trainyard.evaluator;

import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.TrainingRequested;

/** What the evaluator publishes; each call returns once the broker has it. */
public interface EvaluatorOutput {

  void trainingRequested(TrainingRequested request);

  void modelEvaluated(ModelEvaluated evaluated);
}
