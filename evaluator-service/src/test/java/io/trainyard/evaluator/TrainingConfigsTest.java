package io.trainyard.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingConfigsTest {

  @Test
  void theBreastCancerSpecsTrainingSection() throws Exception {
    var spec = SpecParser.parse(Files.readString(Path.of("../data/breast-cancer/pipeline.yaml")));
    TrainingConfig c = TrainingConfigs.fromSpec(spec.training());
    assertThat(c.getFamily()).isEqualTo("mlp");
    assertThat(c.getHiddenUnitsList()).containsExactly(32, 16);
    assertThat(c.getMaxEpochs()).isEqualTo(60);
    assertThat(c.getBatchSize()).isEqualTo(32);
    assertThat(c.getLearningRate()).isEqualTo(0.001);
    assertThat(c.getPatience()).isEqualTo(8);
    assertThat(c.getWeightDecay()).isEqualTo(0.0001);
    assertThat(c.getSeed()).isEqualTo(7);
    assertThat(c.getOptimizer()).isEqualTo("adam");
    assertThat(c.getInitializer()).isEqualTo("xavier");
    assertThat(c.getLoss()).isEqualTo("cross-entropy");
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
}
