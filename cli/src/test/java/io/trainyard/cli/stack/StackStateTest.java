package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

  @TempDir Path tmp;

  private static final Instant T = Instant.parse("2025-03-04T05:06:07.890Z");

  private static StackState ready() {
    return new StackState(
            4242, T, false, null, null, null, null, "/data/stack", "/data/stack/logs", List.of())
        .ready(
            "http://127.0.0.1:8081",
            "127.0.0.1:9092",
            "127.0.0.1:8086",
            "mongodb://127.0.0.1:27017",
            List.of(
                new ProcessRef("stack", 11, T.plusSeconds(1)),
                new ProcessRef("ingest-service", 12, null)));
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    Path file = tmp.resolve("stack.json");
    StackState state = ready();
    state.write(file);

    StackState read = StackState.read(file).orElseThrow();
    assertThat(read).isEqualTo(state);
    assertThat(read.ready()).isTrue();
    assertThat(read.up()).isEqualTo(new ProcessRef("up", 4242, T));
    assertThat(read.processes())
        .containsExactly(
            new ProcessRef("stack", 11, T.plusSeconds(1)),
            new ProcessRef("ingest-service", 12, null));
  }

  @Test
  void theUpProcessIdIsTheFirstPidLineForTheScript() throws Exception {
    // The trainyard script reads the first line holding "pid" with sed, without a JSON parser.
    Path file = tmp.resolve("stack.json");
    ready().write(file);
    List<String> pidLines =
        Files.readAllLines(file).stream()
            .filter(l -> l.matches("^ *\"pid\" *: *[0-9]+.*"))
            .toList();
    assertThat(pidLines.get(0)).contains("4242");
    assertThat(Files.readString(file)).contains("\"started\" : \"2025-03-04T05:06:07.890Z\"");
  }

  @Test
  void aRewriteReplacesTheFileWholeAndLeavesNoTemporaryFiles() throws Exception {
    Path file = tmp.resolve("stack.json");
    StackState starting =
        StackState.starting(ProcessHandle.current(), Path.of("/d"), Path.of("/d/logs"));
    starting.write(file);
    assertThat(StackState.read(file).orElseThrow().ready()).isFalse();

    ready().write(file);
    assertThat(StackState.read(file).orElseThrow()).isEqualTo(ready());
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void startingNamesThisProcessAndNoAddresses() {
    StackState s = StackState.starting(ProcessHandle.current(), Path.of("/d"), Path.of("/d/l"));
    assertThat(s.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(s.started()).isEqualTo(ProcessHandle.current().info().startInstant().orElse(null));
    assertThat(s.ingestUrl()).isNull();
    assertThat(s.bootstrapServers()).isNull();
    assertThat(s.registry()).isNull();
    assertThat(s.data()).isEqualTo("/d");
  }

  @Test
  void noFileIsNoState() {
    assertThat(StackState.read(tmp.resolve("stack.json"))).isEmpty();
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() throws Exception {
    Path half = Files.writeString(tmp.resolve("half.json"), "{ \"pid\" : 12, \"star");
    assertThatThrownBy(() -> StackState.read(half))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(half.toString())
        .hasMessageContaining("delete it");

    Path empty = Files.writeString(tmp.resolve("empty.json"), "{}");
    assertThatThrownBy(() -> StackState.read(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("names no process");
  }

  @Test
  void fieldsItDoesNotKnowAreIgnored() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("stack.json"), "{\"pid\": 7, \"ready\": false, \"newer\": \"field\"}");
    assertThat(StackState.read(file).orElseThrow().pid()).isEqualTo(7);
  }
}
