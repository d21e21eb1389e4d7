package io.trainyard.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelRefTest {

  @Test
  void aBareNameMeansTheLatestVersion() {
    assertThat(ModelRef.parse("breast-cancer-mlp", null).resourceName())
        .isEqualTo("models/breast-cancer-mlp/versions/latest");
  }

  @Test
  void anAliasOrAVersionPicksTheVersion() {
    assertThat(ModelRef.parse("m@blessed", null).resourceName()).isEqualTo("models/m@blessed");
    assertThat(ModelRef.parse("m", 3L).resourceName()).isEqualTo("models/m/versions/3");
    assertThat(ModelRef.parse("models/m", 3L).resourceName()).isEqualTo("models/m/versions/3");
    assertThat(ModelRef.parse("m@latest", null)).isEqualTo(new ModelRef("m", "latest", null));
  }

  @Test
  void refusesMalformedInput() {
    assertThatThrownBy(() -> ModelRef.parse("Breast_Cancer", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a model name");
    assertThatThrownBy(() -> ModelRef.parse("m@", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelRef.parse("m@1x", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelRef.parse("m@blessed", 2L))
        .hasMessageContaining("either NAME@alias or --version");
    assertThatThrownBy(() -> ModelRef.parse("m", 0L)).hasMessageContaining("positive");
  }
}
