package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.events.v1.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

  private static TrainingConfig.Builder valid() {
    return TrainingConfig.newBuilder()
        .setFamily("mlp")
        .addAllHiddenUnits(List.of(8, 4))
        .setMaxEpochs(10)
        .setBatchSize(16)
        .setLearningRate(0.01)
        .setPatience(3)
        .setWeightDecay(1e-4)
        .setSeed(7)
        .setOptimizer("sgd")
        .setInitializer("normal")
        .setLoss("cross-entropy");
  }

  @Test
  void copiesAValidConfig() {
    TrainingSettings s = TrainingSettings.from(valid().build());
    assertThat(s.hiddenUnits()).containsExactly(8, 4);
    assertThat(s.maxEpochs()).isEqualTo(10);
    assertThat(s.batchSize()).isEqualTo(16);
    assertThat(s.learningRate()).isEqualTo(0.01);
    assertThat(s.patience()).isEqualTo(3);
    assertThat(s.weightDecay()).isEqualTo(1e-4);
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.optimizer()).isEqualTo("sgd");
    assertThat(s.initializer()).isEqualTo("normal");
    assertThat(s.momentum()).isZero();
    assertThat(s.schedule()).isEqualTo(EpochSchedule.constant(0.01, 10));
  }

  @Test
  void emptyStringsTakeTheSpecDefaultsAndZeroPatienceNeverStops() {
    TrainingSettings s =
        TrainingSettings.from(
            valid()
                .setFamily("")
                .setOptimizer("")
                .setInitializer("")
                .setLoss("")
                .setPatience(0)
                .build());
    assertThat(s.family()).isEqualTo("mlp");
    assertThat(s.optimizer()).isEqualTo("adam");
    assertThat(s.initializer()).isEqualTo("xavier");
    assertThat(s.patience()).isEqualTo(10);
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(() -> TrainingSettings.from(valid().clearHiddenUnits().build()))
        .hasMessageStartingWith("config.hidden_units");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setMaxEpochs(0).build()))
        .hasMessageStartingWith("config.max_epochs");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setBatchSize(0).build()))
        .hasMessageStartingWith("config.batch_size");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setLearningRate(0).build()))
        .hasMessageStartingWith("config.learning_rate");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setWeightDecay(-1).build()))
        .hasMessageStartingWith("config.weight_decay");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setOptimizer("lbfgs").build()))
        .hasMessageStartingWith("config.optimizer");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setMomentum(1).build()))
        .hasMessageStartingWith("config.momentum");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setOptimizer("nesterov").build()))
        .hasMessageStartingWith("config.momentum: nesterov needs");
    assertThatThrownBy(
            () ->
                TrainingSettings.from(
                    valid()
                        .setSchedule(
                            io.trainyard.contracts.events.v1.LearningRateSchedule.newBuilder()
                                .setType("step")
                                .setGamma(0.5))
                        .build()))
        .hasMessageStartingWith("config.schedule.step_epochs");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setInitializer("zeros").build()))
        .hasMessageStartingWith("config.initializer");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setLoss("hinge").build()))
        .hasMessageStartingWith("config.loss");
    assertThatThrownBy(() -> TrainingSettings.from(valid().setFamily("cnn").build()))
        .hasMessageStartingWith("config.family");
  }
}
