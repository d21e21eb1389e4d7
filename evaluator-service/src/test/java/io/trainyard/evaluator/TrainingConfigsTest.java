package io.trainyard.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.LearningRateSchedule;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.testsupport.BreastCancer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigsTest {

  /** The training section of data/breast-cancer/pipeline.yaml, written out by hand. */
  static final TrainingConfig BREAST_CANCER =
      TrainingConfig.newBuilder()
          .setFamily("mlp")
          .addAllHiddenUnits(List.of(32, 16))
          .setMaxEpochs(60)
          .setBatchSize(32)
          .setLearningRate(0.001)
          .setPatience(8)
          .setWeightDecay(0.0001)
          .setSeed(7)
          .setOptimizer("adam")
          .setInitializer("xavier")
          .setLoss("cross-entropy")
          .setMomentum(0.9)
          .setSchedule(
              LearningRateSchedule.newBuilder().setType("constant").setStepEpochs(10).setGamma(0.1))
          .setMonitor("validation_loss")
          .setClassWeight("none")
          .build();

  @Test
  void theBreastCancerSpecsTrainingSection() {
    var spec = SpecParser.fromJson(BreastCancer.specJson());
    assertThat(TrainingConfigs.fromSpec(spec.training())).isEqualTo(BREAST_CANCER);
  }

  @Test
  void defaultsOfAMinimalSpec() {
    var spec = SpecParser.parse("{\"name\": \"iris\", \"dataset\": {\"label\": \"species\"}}");
    TrainingConfig c = TrainingConfigs.fromSpec(spec.training());
    assertThat(c.getHiddenUnitsList()).containsExactly(64, 32);
    assertThat(c.getMaxEpochs()).isEqualTo(50);
    assertThat(c.getPatience()).isEqualTo(5);
    assertThat(c.getSeed()).isEqualTo(42);
  }

  @Test
  void aScheduleInTheSpecReachesTheTrainer() {
    var spec =
        SpecParser.parse(
            "name: x\ndataset: {label: y}\ntraining:\n  epochs: 20\n  optimizer: sgd\n"
                + "  momentum: 0.8\n  schedule: {type: multistep, milestones: [5, 12], gamma: 0.5,"
                + " warmupEpochs: 2}\n");
    TrainingConfig c = TrainingConfigs.fromSpec(spec.training());
    assertThat(c.getOptimizer()).isEqualTo("sgd");
    assertThat(c.getMonitor()).isEqualTo("validation_loss");
    assertThat(c.getMomentum()).isEqualTo(0.8);
    assertThat(c.getSchedule())
        .isEqualTo(
            LearningRateSchedule.newBuilder()
                .setType("multistep")
                .setStepEpochs(10)
                .setGamma(0.5)
                .addAllMilestones(List.of(5, 12))
                .setWarmupEpochs(2)
                .build());
  }
}
