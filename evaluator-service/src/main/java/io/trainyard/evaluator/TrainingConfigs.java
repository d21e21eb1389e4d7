package io.trainyard.evaluator;

import io.trainyard.contracts.events.v1.LearningRateSchedule;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.spec.PipelineSpec;

/** The TrainingConfig a pipeline spec's {@code training} section asks for. */
public final class TrainingConfigs {

  /** The loss every TrainingConfig names in this version. */
  public static final String LOSS = "cross-entropy";

  private TrainingConfigs() {}

  public static TrainingConfig fromSpec(PipelineSpec.Training t) {
    return TrainingConfig.newBuilder()
        .setFamily(t.family())
        .addAllHiddenUnits(t.hidden())
        .setMaxEpochs(t.epochs())
        .setBatchSize(t.batchSize())
        .setLearningRate(t.learningRate())
        .setPatience(t.patience())
        .setWeightDecay(t.weightDecay())
        .setSeed(t.seed())
        .setOptimizer(t.optimizer())
        .setInitializer(t.initializer())
        .setLoss(LOSS)
        .setMomentum(t.momentum())
        .setSchedule(
            LearningRateSchedule.newBuilder()
                .setType(t.schedule().type())
                .setStepEpochs(t.schedule().stepEpochs())
                .setGamma(t.schedule().gamma())
                .addAllMilestones(t.schedule().milestones())
                .setWarmupEpochs(t.schedule().warmupEpochs())
                .setMinLearningRate(t.schedule().minLearningRate()))
        .setClipGradNorm(t.clipGradNorm())
        .setL1(t.l1())
        .setMonitor(t.monitor())
        .setMinDelta(t.minDelta())
        .setDropout(t.dropout())
        .setClassWeight(t.classWeight())
        .putAllClassWeights(t.classWeights())
        .build();
  }
}
