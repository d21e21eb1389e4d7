package io.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.trainyard.cli.models.StandInRegistry;
import io.trainyard.cli.stack.StackHome;
import io.trainyard.cli.stack.StackState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command line: picocli wiring, output and exit statuses. */
@QuarkusMainTest
class TrainyardCommandTest {

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
  void modelsGetPrintsTheVersionOrSaysWhyNot(QuarkusMainLauncher launcher) {
    LaunchResult found =
        launcher.launch("models", "get", "breast-cancer-mlp", "--registry", registry.target());
    assertThat(found.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(found.getOutput())
        .contains("model     breast-cancer-mlp")
        .contains("  accuracy   0.9825")
        .contains("lineage   data set breast-cancer v1");

    LaunchResult missing =
        launcher.launch("models", "get", "nope", "--registry", registry.target());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(missing.getErrorOutput()).contains("not found: model 'nope' is not registered");

    LaunchResult both = launcher.launch("models", "get", "m@blessed", "--version", "2");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.getErrorOutput()).contains("either NAME@alias or --version");
  }

  @Test
  void modelsListPrintsATable(QuarkusMainLauncher launcher) {
    LaunchResult list = launcher.launch("models", "list", "--registry", registry.target());
    assertThat(list.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(list.getOutput()).contains("MODEL").contains("a-model").contains("b-model");
  }

  @Test
  void modelsFindsTheStackOfUpWithoutFlagsOrSaysThereIsNone(
      QuarkusMainLauncher launcher, @TempDir Path home) throws Exception {
    System.setProperty(StackHome.PROPERTY, home.toString());
    try {
      LaunchResult none = launcher.launch("models", "list");
      assertThat(none.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(none.getErrorOutput())
          .contains(
              "no registry address: no stack is running here (no " + home.resolve("stack.json"))
          .contains("Start a stack with 'trainyard up', or give --registry");

      // The state file of a running up (this process stands in for it) naming the registry.
      StackState.starting(ProcessHandle.current(), home, home.resolve("logs"))
          .ready("http://127.0.0.1:1", "127.0.0.1:2", registry.target(), "mongodb://x", List.of())
          .write(home.resolve("stack.json"));
      LaunchResult found = launcher.launch("models", "get", "breast-cancer-mlp");
      assertThat(found.exitCode()).as(found.getErrorOutput()).isEqualTo(ExitCodes.OK);
      assertThat(found.getOutput()).contains("model     breast-cancer-mlp");
    } finally {
      System.clearProperty(StackHome.PROPERTY);
    }
  }

  @Test
  void downWithNoStackSaysSo(QuarkusMainLauncher launcher, @TempDir Path home) {
    System.setProperty(StackHome.PROPERTY, home.toString());
    try {
      LaunchResult down = launcher.launch("down");
      assertThat(down.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(down.getOutput()).contains("no stack is running here");
    } finally {
      System.clearProperty(StackHome.PROPERTY);
    }
  }

  @Test
  void usageErrorsExitWithTwo(QuarkusMainLauncher launcher) {
    LaunchResult noDataset = launcher.launch("watch");
    assertThat(noDataset.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noDataset.getErrorOutput()).contains("--dataset");

    LaunchResult help = launcher.launch("watch", "--help");
    assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(help.getOutput()).contains("--bootstrap-servers").contains("--timeout");

    LaunchResult badTimeout = launcher.launch("watch", "--dataset", "d", "--timeout", "soon");
    assertThat(badTimeout.exitCode()).isEqualTo(ExitCodes.USAGE);

    LaunchResult missingFile = launcher.launch("submit", "--data", "no.csv", "--spec", "no.yaml");
    assertThat(missingFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missingFile.getErrorOutput()).contains("no such file: no.csv");
  }
}
