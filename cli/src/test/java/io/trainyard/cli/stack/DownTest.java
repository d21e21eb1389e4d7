package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code down} against stand-in processes: what it stops, what it says, what it leaves. */
class DownTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killStandIns() {
    started.forEach(Process::destroyForcibly);
  }

  private int down(Duration timeout) {
    return new Down(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(new StackHome(tmp), timeout);
  }

  private Process start(String... command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    started.add(p);
    return p;
  }

  private static StackState stateOf(Process up, Process... services) {
    List<ProcessRef> refs = new ArrayList<>();
    for (Process s : services) {
      refs.add(ProcessRef.of("service", s.toHandle()));
    }
    return StackState.starting(up.toHandle(), Path.of("/d"), Path.of("/d/logs"))
        .ready("http://127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "mongodb://x", refs);
  }

  @Test
  void withNoStackItSaysSo() {
    assertThat(down(Duration.ofSeconds(5))).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("no stack is running here (no " + tmp.resolve("stack.json") + ")\n");
  }

  @Test
  void stopsTheRunningUpAndWhatItLeftBehind() throws Exception {
    Process up = start("sleep", "600");
    Process service = start("sleep", "600");
    stateOf(up, service).write(tmp.resolve("stack.json"));

    assertThat(down(Duration.ofSeconds(30))).isEqualTo(ExitCodes.OK);
    assertThat(up.isAlive()).isFalse();
    assertThat(service.isAlive()).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "stopping the stack (trainyard up, pid "
                + up.pid()
                + ")\nstopped (and 1 process it left running); data kept in /d\n");
  }

  @Test
  void cleansUpAfterAnUpThatWasKilled() throws Exception {
    Process up = start("true");
    Process orphan = start("sleep", "600");
    StackState state = stateOf(up, orphan);
    up.waitFor(30, TimeUnit.SECONDS);
    state.write(tmp.resolve("stack.json"));

    assertThat(down(Duration.ofSeconds(30))).isEqualTo(ExitCodes.OK);
    assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(tmp.resolve("stack.json"))).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("ended without stopping it; removed " + tmp.resolve("stack.json"))
        .contains("and stopped 1 process it left running");
  }

  @Test
  void anUpThatDoesNotStopInTimeIsKilledWithWhatItStarted() throws Exception {
    // An "up" that ignores SIGTERM and has a child of its own, as a hung stop would.
    Process up =
        start("sh", "-c", "trap '' TERM; sleep 600 & echo ready; while :; do sleep 1; done");
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(r.readLine()).isEqualTo("ready");
      List<ProcessHandle> children = up.descendants().toList();
      stateOf(up).write(tmp.resolve("stack.json"));

      assertThat(down(Duration.ofMillis(500))).isEqualTo(ExitCodes.TIMED_OUT);
      assertThat(up.waitFor(10, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("did not stop within 500 ms: killed it and the");
    }
  }
}
