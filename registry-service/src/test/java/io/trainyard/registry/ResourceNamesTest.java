package io.trainyard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.registry.ResourceNames.Aliased;
import io.trainyard.registry.ResourceNames.Numbered;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  @Test
  void parsesModelNames() {
    assertThat(ResourceNames.parseModel("models/breast-cancer-mlp")).isEqualTo("breast-cancer-mlp");
    assertThat(ResourceNames.parseModel("models/a")).isEqualTo("a");
    assertThat(ResourceNames.parseModel("models/" + "x".repeat(64))).hasSize(64);
  }

  @Test
  void refusesMalformedModelNames() {
    for (String bad :
        new String[] {
          "",
          "breast-cancer",
          "models/",
          "models/Breast",
          "models/-a",
          "models/a-",
          "models/a_b",
          "models/a/versions/1",
          "model/a",
          "models/" + "x".repeat(65)
        }) {
      assertThatThrownBy(() -> ResourceNames.parseModel(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID_ARGUMENT);
                assertThat(e.reason()).isEqualTo("INVALID_NAME");
                assertThat(e.getMessage()).contains("models/{model}");
              });
    }
    assertThatThrownBy(() -> ResourceNames.parseModel(null)).isInstanceOf(RegistryException.class);
  }

  @Test
  void parsesVersionNamesByNumberLatestAndAlias() {
    assertThat(ResourceNames.parseVersion("models/m/versions/12")).isEqualTo(new Numbered("m", 12));
    assertThat(ResourceNames.parseVersion("models/m/versions/latest"))
        .isEqualTo(new Aliased("m", "latest"));
    assertThat(ResourceNames.parseVersion("models/m@latest")).isEqualTo(new Aliased("m", "latest"));
    assertThat(ResourceNames.parseVersion("models/m-2@blessed"))
        .isEqualTo(new Aliased("m-2", "blessed"));
  }

  @Test
  void refusesMalformedVersionNames() {
    for (String bad :
        new String[] {
          "models/m/versions/0",
          "models/m/versions/-1",
          "models/m/versions/01",
          "models/m/versions/1.5",
          "models/m/versions/",
          "models/m/versions/Latest",
          "models/m@",
          "models/m@1x",
          "models/M/versions/1",
          "m/versions/1",
          "models/m",
          "models/m/versions/1/extra",
          "models/m/versions/99999999999999999999"
        }) {
      assertThatThrownBy(() -> ResourceNames.parseVersion(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID_ARGUMENT));
    }
  }

  @Test
  void formatsNames() {
    assertThat(ResourceNames.modelName("m")).isEqualTo("models/m");
    assertThat(ResourceNames.versionName("m", 3)).isEqualTo("models/m/versions/3");
  }
}
