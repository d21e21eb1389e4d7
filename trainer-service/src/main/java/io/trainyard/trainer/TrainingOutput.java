package io.trainyard.trainer;

import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;

/** What the trainer tells the rest of the platform; each call returns once the broker has it. */
public interface TrainingOutput {

  void epochCompleted(EpochCompleted event);

  void trainingCompleted(TrainingCompleted event);

  void trainingFailed(TrainingFailed event);
}
