package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StackStatusTest {

  private static final Path FILE = Path.of("/checkout/.trainyard/stack.json");

  static StackState startingHere() {
    return StackState.starting(ProcessHandle.current(), Path.of("/d"), Path.of("/d/logs"));
  }

  static StackState readyHere() {
    return startingHere()
        .ready(
            "http://127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "mongodb://127.0.0.1:4", List.of());
  }

  static StackState readyOfAnEndedProcess() throws Exception {
    Process p = new ProcessBuilder("true").start();
    StackState state =
        StackState.starting(p.toHandle(), Path.of("/d"), Path.of("/d/logs"))
            .ready("http://127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "mongodb://x", List.of());
    p.waitFor(30, TimeUnit.SECONDS);
    return state;
  }

  @Test
  void noStateFileIsNoStack() {
    StackStatus s = StackStatus.of(FILE, null);
    assertThat(s.kind()).isEqualTo(StackStatus.Kind.NONE);
    assertThat(s.whyNotUp()).isEqualTo("no stack is running here (no " + FILE + ")");
  }

  @Test
  void aLiveUpIsStartingUntilItsServicesAreReady() {
    assertThat(StackStatus.of(FILE, startingHere()).kind()).isEqualTo(StackStatus.Kind.STARTING);
    assertThat(StackStatus.of(FILE, startingHere()).whyNotUp())
        .isEqualTo(
            "the stack here is still starting (trainyard up, pid "
                + ProcessHandle.current().pid()
                + ")");
    assertThat(StackStatus.of(FILE, readyHere()).kind()).isEqualTo(StackStatus.Kind.UP);
  }

  @Test
  void aStateFileWhoseUpHasEndedIsAnEndedStackEvenIfItSaidReady() throws Exception {
    StackState state = readyOfAnEndedProcess();
    StackStatus s = StackStatus.of(FILE, state);
    assertThat(s.kind()).isEqualTo(StackStatus.Kind.ENDED);
    assertThat(s.whyNotUp())
        .isEqualTo(
            "the stack recorded in "
                + FILE
                + " is not running (its trainyard up, pid "
                + state.pid()
                + ", has ended)");
  }
}
