package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.cli.ExitCodes;
import io.trainyard.devstack.ServiceLauncher;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code up} refuses, before it starts anything (the running stack is in flow-tests). */
class UpTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int up(Path root, StackHome home) {
    return new Up(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(new Up.Options(root, home, Duration.ofSeconds(5)));
  }

  /** A checkout whose services look packaged. */
  private Path builtCheckout() throws Exception {
    Path root = tmp.resolve("checkout");
    for (String module : ServiceLauncher.SERVICES) {
      Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
      Files.createDirectories(jar.getParent());
      Files.createFile(jar);
    }
    return root;
  }

  @Test
  void unbuiltServicesAreNamed() {
    assertThat(up(tmp, new StackHome(tmp.resolve(".trainyard")))).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("not built: registry-service, evaluator-service, trainer-service,")
        .contains("mvn -B package -DskipTests");
  }

  @Test
  void aStackAlreadyUpHereIsNamedAndLeftAlone() throws Exception {
    Path root = builtCheckout();
    StackHome home = new StackHome(root.resolve(".trainyard"));
    Files.createDirectories(home.data());
    StackState running = StackStatusTest.readyHere();
    running.write(home.stateFile());

    Process holder = holdLock(home.lockFile());
    try {
      assertThat(up(root, home)).isEqualTo(ExitCodes.FAILED);
    } finally {
      holder.destroyForcibly().waitFor();
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "a stack is already up here (trainyard up, pid "
                + running.pid()
                + "): ingest http://127.0.0.1:1, Kafka 127.0.0.1:2, registry 127.0.0.1:3.\n"
                + "Use it, or stop it first with 'trainyard down'.\n");
    assertThat(StackState.read(home.stateFile())).contains(running);
  }

  @Test
  void anotherUpStartingHereIsRefusedToo() throws Exception {
    Path root = builtCheckout();
    StackHome home = new StackHome(root.resolve(".trainyard"));
    Files.createDirectories(home.data());
    Process holder = holdLock(home.lockFile());
    try {
      assertThat(up(root, home)).isEqualTo(ExitCodes.FAILED);
    } finally {
      holder.destroyForcibly().waitFor();
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("another trainyard up is starting or stopping a stack on " + home.data());
    assertThat(Files.exists(home.stateFile())).isFalse();
  }

  /** Another JVM that holds the lock an {@code up} takes, as a running {@code up} does. */
  private Process holdLock(Path lockFile) throws Exception {
    Path source = tmp.resolve("Hold.java");
    Files.writeString(
        source,
        "import java.nio.channels.FileChannel;\n"
            + "import java.nio.file.*;\n"
            + "public class Hold { public static void main(String[] a) throws Exception {\n"
            + "  var c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,"
            + " StandardOpenOption.WRITE);\n"
            + "  var lock = c.lock(); System.out.println(\"locked\"); System.out.flush();\n"
            + "  Thread.sleep(600_000); } }\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, source.toString(), lockFile.toString()).start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(r.readLine()).isEqualTo("locked");
    return p;
  }
}
