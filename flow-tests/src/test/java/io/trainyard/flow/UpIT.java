package io.trainyard.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.devstack.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code trainyard up} as a user runs it: the packaged CLI as processes, on a data folder of the
 * test's own. up; submit --watch and models get without addresses; a second up refused; down leaves
 * nothing running; up again finds the registered model; down.
 */
class UpIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLI = ROOT.resolve("cli/target/quarkus-app/quarkus-run.jar");
  private static final Path HOME = ROOT.resolve("flow-tests/target/up-home");
  private static final Path OUT = ROOT.resolve("flow-tests/target/up-output");

  private static final List<Process> ups = new ArrayList<>();

  /** A finished CLI command. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void freshFolders() throws IOException {
    Folders.deleteQuietly(HOME);
    Folders.deleteQuietly(OUT);
    Files.createDirectories(OUT);
  }

  @AfterAll
  static void nothingLeftRunning() throws Exception {
    for (Process up : ups) {
      if (up.isAlive()) {
        cli("down"); // the test failed part way: stop what it started
        List<ProcessHandle> left = up.descendants().toList();
        up.destroyForcibly();
        left.forEach(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void upSubmitDownAndUpAgainFindsTheModel() throws Exception {
    Process up = startUp("up-1");

    Run submit =
        cli(
            "submit",
            "--data",
            ROOT.resolve("data/breast-cancer/breast_cancer.csv").toString(),
            "--spec",
            ROOT.resolve("data/breast-cancer/pipeline.yaml").toString(),
            "--watch",
            "--timeout",
            "6m");
    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.out())
        .contains("submitted breast-cancer v1: 569 rows")
        .contains("registered breast-cancer-mlp v1 (from breast-cancer v1)");

    Run get = cli("models", "get", "breast-cancer-mlp");
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out()).contains("version   1  (blessed, latest)");

    Run second = cli("up");
    assertThat(second.exit()).isEqualTo(1);
    assertThat(second.err()).contains("a stack is already up here (trainyard up, pid " + up.pid());

    List<ProcessHandle> started = up.descendants().toList();
    assertThat(started)
        .as("the broker-and-store JVM and six services")
        .hasSizeGreaterThanOrEqualTo(7);
    Run down = cli("down");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(down.out()).contains("stopped; data kept in " + HOME.resolve("stack"));
    assertThat(up.waitFor(10, TimeUnit.SECONDS)).as("down returns once up has ended").isTrue();
    assertThat(started).noneMatch(ProcessHandle::isAlive);
    assertThat(HOME.resolve("stack.json")).doesNotExist();
    assertThat(Files.readString(OUT.resolve("up-1.out")))
        .contains("stopped   data kept in " + HOME.resolve("stack"));

    Run none = cli("models", "list");
    assertThat(none.exit()).isEqualTo(4);
    assertThat(none.err()).contains("no registry address: no stack is running here");

    Process again = startUp("up-2");
    assertThat(Files.readString(OUT.resolve("up-2.out")))
        .contains("models     breast-cancer-mlp v1");
    Run kept = cli("models", "get", "breast-cancer-mlp");
    assertThat(kept.out()).contains("version   1  (blessed, latest)");
    assertThat(cli("down").exit()).isZero();
    assertThat(again.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Starts {@code trainyard up} and waits until it says it is up. */
  private static Process startUp(String name) throws IOException {
    Path out = OUT.resolve(name + ".out");
    Process up =
        command("up")
            .redirectOutput(out.toFile())
            .redirectError(OUT.resolve(name + ".err").toFile())
            .start();
    ups.add(up);
    Awaitility.await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofMillis(500))
        .failFast("trainyard up exited; see " + out, () -> !up.isAlive())
        .until(() -> Files.readString(out).contains("Trainyard is up"));
    return up;
  }

  private static Run cli(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(OUT, "cli-", ".out");
    Path err = Files.createTempFile(OUT, "cli-", ".err");
    Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(8, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("trainyard " + String.join(" ", args) + " did not end");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The packaged CLI as the trainyard script runs it, on the test's own data folder. */
  private static ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-Dtrainyard.root=" + ROOT);
    cmd.add("-Dtrainyard.home=" + HOME);
    cmd.add("-jar");
    cmd.add(CLI.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    // Only the state file may give the addresses here.
    pb.environment().keySet().removeIf(k -> k.startsWith("TRAINYARD_"));
    return pb;
  }
}
