package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessRefTest {

  @Test
  void thisProcessIsAlive() {
    ProcessRef self = ProcessRef.of("test", ProcessHandle.current());
    assertThat(self.alive()).contains(ProcessHandle.current());
    assertThat(new ProcessRef("test", self.pid(), null).alive()).isPresent();
  }

  @Test
  void aProcessWithTheSamePidButAnotherStartIsNotTheOneRecorded() {
    Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
    long pid = ProcessHandle.current().pid();
    assertThat(new ProcessRef("old", pid, started.minusSeconds(3600)).alive()).isEmpty();
    assertThat(new ProcessRef("old", pid, started.plusSeconds(2)).alive()).isEmpty();
    assertThat(new ProcessRef("same", pid, started.plusMillis(500)).alive()).isPresent();
  }

  @Test
  void anEndedProcessIsNotAlive() throws Exception {
    Process p = new ProcessBuilder("true").start();
    ProcessRef ref = ProcessRef.of("true", p.toHandle());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ref.alive()).isEmpty();
  }

  @Test
  void stopAllStopsThoseStillRunning() throws Exception {
    Process running = new ProcessBuilder("sleep", "600").start();
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor(30, TimeUnit.SECONDS);
    try {
      int stopped =
          ProcessRef.stopAll(
              List.of(
                  ProcessRef.of("sleep", running.toHandle()),
                  ProcessRef.of("true", ended.toHandle())),
              Duration.ofSeconds(10));
      assertThat(stopped).isEqualTo(1);
      assertThat(running.isAlive()).isFalse();
    } finally {
      running.destroyForcibly();
    }
  }

  @Test
  void stopAllKillsWhatIgnoresTheRequestAfterTheGrace() throws Exception {
    // A shell that ignores SIGTERM, as a hung service would; it says when the trap is set.
    Process stubborn =
        new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done")
            .start();
    try (var out =
        new java.io.BufferedReader(new java.io.InputStreamReader(stubborn.getInputStream()))) {
      assertThat(out.readLine()).isEqualTo("ready");
      int stopped =
          ProcessRef.stopAll(
              List.of(ProcessRef.of("stubborn", stubborn.toHandle())), Duration.ofMillis(500));
      assertThat(stopped).isEqualTo(1);
      assertThat(stubborn.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(stubborn.exitValue()).as("killed (128 + SIGKILL)").isEqualTo(137);
    } finally {
      stubborn.destroyForcibly();
    }
  }
}
