package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.cli.stack.Addresses.Target;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AddressesTest {

  private static final Path FILE = Path.of("/checkout/.trainyard/stack.json");

  /** A stack lookup that must not happen: a flag or variable was given. */
  private static final Supplier<StackStatus> NOT_ASKED =
      () -> {
        throw new AssertionError("the state file was read although an address was given");
      };

  private static Supplier<StackStatus> up() {
    return () -> StackStatus.of(FILE, StackStatusTest.readyHere());
  }

  @Test
  void theFlagWinsOverTheVariableAndTheStack() {
    Addresses a =
        new Addresses(
            Map.of(
                "TRAINYARD_INGEST_URL", "http://env:1",
                "TRAINYARD_BOOTSTRAP_SERVERS", "env:2",
                "TRAINYARD_REGISTRY", "env:3"),
            NOT_ASKED);
    assertThat(a.of(Target.INGEST, "http://flag:1")).isEqualTo("http://flag:1");
    assertThat(a.of(Target.KAFKA, " flag:2 ")).isEqualTo("flag:2");
    assertThat(a.of(Target.REGISTRY, "flag:3")).isEqualTo("flag:3");
  }

  @Test
  void theVariableWinsOverTheStack() {
    Addresses a =
        new Addresses(
            Map.of(
                "TRAINYARD_INGEST_URL", "http://env:1",
                "TRAINYARD_BOOTSTRAP_SERVERS", "env:2",
                "TRAINYARD_REGISTRY", "env:3"),
            NOT_ASKED);
    assertThat(a.of(Target.INGEST, null)).isEqualTo("http://env:1");
    assertThat(a.of(Target.KAFKA, "")).isEqualTo("env:2");
    assertThat(a.of(Target.REGISTRY, null)).isEqualTo("env:3");
  }

  @Test
  void withNeitherTheRunningStackGivesEachAddress() {
    Addresses a = new Addresses(Map.of("TRAINYARD_REGISTRY", "  "), up());
    assertThat(a.of(Target.INGEST, null)).isEqualTo("http://127.0.0.1:1");
    assertThat(a.of(Target.KAFKA, null)).isEqualTo("127.0.0.1:2");
    assertThat(a.of(Target.REGISTRY, " ")).isEqualTo("127.0.0.1:3"); // blank means not given
  }

  @Test
  void noStackAndNoAddressSaysHowToGiveOne() {
    Addresses a = new Addresses(Map.of(), () -> StackStatus.of(FILE, null));
    assertThatThrownBy(() -> a.of(Target.INGEST, null))
        .isInstanceOf(Addresses.Missing.class)
        .hasMessage(
            "no ingest address: no stack is running here (no "
                + FILE
                + ").\nStart a stack with 'trainyard up', or give --ingest-url or set"
                + " TRAINYARD_INGEST_URL.");
    assertThatThrownBy(() -> a.of(Target.KAFKA, null))
        .hasMessageContaining("--bootstrap-servers or set TRAINYARD_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> a.of(Target.REGISTRY, null))
        .hasMessageContaining("--registry or set TRAINYARD_REGISTRY");
  }

  @Test
  void aStartingStackAsksToWaitAndAnEndedOneToStartAgain() throws Exception {
    Addresses starting =
        new Addresses(Map.of(), () -> StackStatus.of(FILE, StackStatusTest.startingHere()));
    assertThatThrownBy(() -> starting.of(Target.REGISTRY, null))
        .hasMessageContaining("still starting")
        .hasMessageContaining("Wait until it prints 'ready', or give --registry");

    StackState ended = StackStatusTest.readyOfAnEndedProcess();
    Addresses gone = new Addresses(Map.of(), () -> StackStatus.of(FILE, ended));
    assertThatThrownBy(() -> gone.of(Target.INGEST, null))
        .hasMessageContaining("is not running (its trainyard up, pid " + ended.pid())
        .hasMessageContaining("Start a stack with 'trainyard up'");
  }

  @Test
  void nowhereToLookIsSaidAsSuch() {
    Addresses a =
        new Addresses(
            Map.of(),
            () -> {
              throw new IllegalStateException("cannot find the Trainyard project");
            });
    assertThatThrownBy(() -> a.of(Target.KAFKA, null))
        .isInstanceOf(Addresses.Missing.class)
        .hasMessageStartingWith("no Kafka address: cannot find the Trainyard project.\n");
  }
}
