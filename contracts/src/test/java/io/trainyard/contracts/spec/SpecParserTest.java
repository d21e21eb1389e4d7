package io.trainyard.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpecParserTest {

  @Test
  void minimalSpecGetsEveryDefault() {
    PipelineSpec spec =
        SpecParser.parse("{\"name\": \"iris\", \"dataset\": {\"label\": \"species\"}}");

    assertThat(spec.split().train()).isEqualTo(0.7);
    assertThat(spec.split().validation()).isEqualTo(0.2);
    assertThat(spec.split().test()).isEqualTo(0.1);
    assertThat(spec.cleaning().impute()).isEqualTo("mean");
    assertThat(spec.cleaning().outliers().threshold()).isEqualTo(3.0);
    assertThat(spec.training().hidden()).containsExactly(64, 32);
    assertThat(spec.modelName()).isEqualTo("iris");
    assertThat(spec.dataset().maxClasses()).isEqualTo(50);
  }

  @Test
  void aBadScheduleNamesItsPath() {
    assertThat(SpecParser.parse("name: x\ndataset: {label: y}\n").training().schedule().type())
        .isEqualTo("constant");
    for (String[] c :
        new String[][] {
          {"schedule: {type: cyclic}", "training.schedule.type"},
          {"schedule: {type: step, gamma: 0}", "training.schedule.gamma"},
          {"schedule: {type: multistep}", "training.schedule.milestones"},
          {"schedule: {type: multistep, milestones: [4, 4]}", "training.schedule.milestones[1]"},
          {"epochs: 5\n  schedule: {warmupEpochs: 5}", "training.schedule.warmupEpochs"},
          {"schedule: {type: cosine, minLearningRate: 0.5}", "training.schedule.minLearningRate"},
          {"momentum: 1.0", "training.momentum"},
          {"optimizer: lbfgs", "training.optimizer"},
          {"clipGradNorm: -1", "training.clipGradNorm"},
          {"l1: -0.1", "training.l1"},
          {"monitor: f1", "training.monitor"},
          {"minDelta: -1", "training.minDelta"},
          {"dropout: 1.0", "training.dropout"},
          {"classWeight: inverse", "training.classWeight"},
          {"classWeights: {malignant: 0}", "training.classWeights.malignant"},
          {"classWeight: balanced\n  classWeights: {a: 2}", "training.classWeights"},
          {"optimizer: nesterov\n  momentum: 0", "training.momentum"}
        }) {
      assertThatThrownBy(
              () -> SpecParser.parse("name: x\ndataset: {label: y}\ntraining:\n  " + c[0] + "\n"))
          .as(c[0])
          .isInstanceOf(SpecException.class)
          .extracting(e -> ((SpecException) e).path())
          .isEqualTo(c[1]);
    }
  }

  @Test
  void aClassLimitBelowTwoNamesItsPath() {
    assertThatThrownBy(() -> SpecParser.parse("name: x\ndataset: {label: y, maxClasses: 1}\n"))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("dataset.maxClasses");
  }

  @Test
  void iqrDefaultsToTukeysFence() {
    PipelineSpec spec =
        SpecParser.parse("name: x\ndataset: {label: y}\ncleaning:\n  outliers:\n    method: iqr\n");
    assertThat(spec.cleaning().outliers().threshold()).isEqualTo(1.5);
  }

  @Test
  void yamlAndJsonOfTheSameSpecHashTheSame() {
    PipelineSpec yaml = SpecParser.parse("name: iris\ndataset:\n  label: species\n");
    PipelineSpec json =
        SpecParser.parse("{\"dataset\": {\"label\": \"species\"}, \"name\": \"iris\"}");

    assertThat(SpecParser.hash(yaml)).isEqualTo(SpecParser.hash(json)).hasSize(64);
    assertThat(SpecParser.fromJson(SpecParser.toCanonicalJson(yaml))).isEqualTo(yaml);
  }

  @Test
  void theShippedDemoSpecIsValid() throws Exception {
    String text = Files.readString(Path.of("../data/breast-cancer/pipeline.yaml"));
    PipelineSpec spec = SpecParser.parse(text);
    assertThat(spec.modelName()).isEqualTo("breast-cancer-mlp");
    assertThat(spec.dataset().label()).isEqualTo("diagnosis");
  }

  @Test
  void unknownKeyNamesItsPath() {
    assertThatThrownBy(
            () -> SpecParser.parse("name: x\ndataset: {label: y}\ntraining:\n  epocs: 3\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("unknown key 'epocs'")
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("training.epocs");
  }

  @Test
  void badValueNamesItsPath() {
    assertThatThrownBy(
            () -> SpecParser.parse("name: x\ndataset: {label: y}\ntraining:\n  hidden: [8, 0]\n"))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("training.hidden[1]");
  }

  @Test
  void wrongTypeNamesItsPath() {
    assertThatThrownBy(
            () -> SpecParser.parse("{\"name\": \"x\", \"training\": {\"epochs\": \"many\"}}"))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("training.epochs");
  }

  @Test
  void splitsMustAddUpToOne() {
    assertThatThrownBy(
            () ->
                SpecParser.parse(
                    "name: x\ndataset: {label: y}\nsplit: {train: 0.8, validation: 0.2, test: 0.1}"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("must be 1")
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("split");
  }

  @Test
  void enumsListTheAllowedValues() {
    assertThatThrownBy(
            () -> SpecParser.parse("name: x\ndataset: {label: y}\ncleaning: {impute: mode}"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("[mean, median]")
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("cleaning.impute");
  }

  @Test
  void aLabelOrARuleIsRequired() {
    assertThatThrownBy(() -> SpecParser.parse("name: x"))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).path())
        .isEqualTo("dataset.label");
    PipelineSpec ruled =
        SpecParser.parse(
            "name: x\nlabeling:\n  rule: {column: temp, op: gt, value: 30, then: hot, otherwise: mild}");
    assertThat(ruled.labeling().rule().then()).isEqualTo("hot");
  }

  @Test
  void emptyAndMalformedTextAreRefused() {
    assertThatThrownBy(() -> SpecParser.parse("  ")).isInstanceOf(SpecException.class);
    assertThatThrownBy(() -> SpecParser.parse("{\"name\": "))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> SpecParser.parse("name: \"unclosed\nsplit: {"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("not valid YAML");
  }
}
