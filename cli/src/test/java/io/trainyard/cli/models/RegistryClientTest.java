package io.trainyard.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.cli.ExitCodes;
import io.trainyard.contracts.registry.v1.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The grpc-java client over a real plaintext channel to a stand-in registry. */
class RegistryClientTest {

  private static StandInRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    registry = new StandInRegistry();
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
  }

  @Test
  void getsAVersionByResourceName() {
    try (RegistryClient client = new RegistryClient(registry.target())) {
      assertThat(client.getVersion("models/breast-cancer-mlp/versions/latest").getVersion())
          .isEqualTo(3);
    }
  }

  @Test
  void followsEveryPageOfModels() {
    try (RegistryClient client = new RegistryClient(registry.target())) {
      assertThat(client.listModels().stream().map(Model::getModelId))
          .containsExactly("a-model", "b-model");
    }
  }

  @Test
  void turnsStatusesIntoReadableErrors() {
    try (RegistryClient client = new RegistryClient(registry.target())) {
      assertThatThrownBy(() -> client.getVersion("models/nope/versions/latest"))
          .isInstanceOfSatisfying(
              RegistryClient.RegistryError.class,
              e -> {
                assertThat(e.getMessage()).isEqualTo("not found: model 'nope' is not registered");
                assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
              });
    }
    try (RegistryClient nobody = new RegistryClient("127.0.0.1:1")) {
      assertThatThrownBy(nobody::listModels)
          .isInstanceOfSatisfying(
              RegistryClient.RegistryError.class,
              e -> {
                assertThat(e.getMessage()).startsWith("cannot reach the registry at 127.0.0.1:1");
                assertThat(e.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
              });
    }
  }
}
