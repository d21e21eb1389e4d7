package io.trainyard.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployed = measured: every service the launcher starts has its options file ({@code
 * k8s/base/jvm/<service>.env}, what its Kubernetes Deployment takes), the launcher's command line
 * carries exactly that file's options, each option says why it is there, none names classes, and a
 * JVM started as the launcher starts it runs with the same flags as one started as the container
 * image's run-java.sh starts it.
 */
class JvmOptionsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void everyServiceTheLauncherStartsHasItsOptionsFileWithAFixedHeapAndOneCollector() {
    for (String service : ServiceLauncher.SERVICES) {
      Path file = JvmOptions.file(ROOT, service);
      assertThat(file).as(service).exists();
      Map<String, String> variables = JvmOptions.variables(file);
      assertThat(variables.keySet()).as(service).containsExactlyElementsOf(JvmOptions.VARIABLES);
      assertThat(variables.get("GC_CONTAINER_OPTIONS")).as(service).matches("-XX:\\+Use\\w+GC");
      List<String> options = JvmOptions.read(file);
      assertThat(options).filteredOn(o -> o.matches("-XX:\\+Use\\w+GC")).hasSize(1);
      String xmx = only(options, "-Xmx");
      assertThat(only(options, "-Xms")).as(service).isEqualTo(xmx);
    }
  }

  @Test
  void theLaunchersCommandLineCarriesExactlyTheFilesOptionsThenTheProfilingOnes() {
    Stack stack =
        new Stack() {
          @Override
          public String bootstrapServers() {
            return "127.0.0.1:9";
          }

          @Override
          public String mongoUri() {
            return "mongodb://127.0.0.1:9";
          }

          @Override
          public void close() {}
        };
    try (ServiceLauncher launcher = new ServiceLauncher(ROOT, stack, tmp)) {
      for (String service : ServiceLauncher.SERVICES) {
        List<String> shipped = JvmOptions.of(ROOT, service);
        Path jar = tmp.resolve("quarkus-run.jar");
        List<String> cmd =
            launcher.command(service, 8080, jar, List.of("-XX:+UnlockDiagnosticVMOptions"));
        assertThat(cmd.get(0)).isEqualTo(DevStack.javaBin());
        assertThat(cmd.subList(1, 1 + shipped.size())).as(service).isEqualTo(shipped);
        assertThat(cmd.get(1 + shipped.size())).isEqualTo("-XX:+UnlockDiagnosticVMOptions");
        // Everything after the options: system properties (where the stack is), the jar.
        List<String> rest = cmd.subList(2 + shipped.size(), cmd.size());
        assertThat(rest.subList(0, rest.size() - 2)).as(service).allMatch(a -> a.startsWith("-D"));
        assertThat(rest.subList(rest.size() - 2, rest.size()))
            .containsExactly("-jar", jar.toString());
      }
    }
  }

  @Test
  void everyOptionIsNamedInACommentOfItsFile() throws IOException {
    for (String service : ServiceLauncher.SERVICES) {
      Path file = JvmOptions.file(ROOT, service);
      String comments =
          Files.readAllLines(file).stream()
              .filter(l -> l.startsWith("#"))
              .collect(Collectors.joining("\n"));
      for (String option : JvmOptions.read(file)) {
        assertThat(comments).as(service + ": why " + option).contains(name(option));
      }
    }
  }

  @Test
  void noOptionTunesTheJitByClassOrMethodName() {
    Set<String> byName =
        Set.of("CompilerDirectivesFile", "CompileCommand", "CompileCommandFile", "CompileOnly");
    for (String service : ServiceLauncher.SERVICES) {
      assertThat(JvmOptions.of(ROOT, service)).as(service).noneMatch(o -> byName.contains(name(o)));
    }
  }

  @Test
  void aFileWithAnotherVariableOrQuotesOrWithoutTheCollectorIsRefused() throws IOException {
    Path other = tmp.resolve("other.env");
    Files.writeString(other, "# x\nGC_CONTAINER_OPTIONS=-XX:+UseSerialGC\nJAVA_OPTS=-Xmx1g\n");
    assertThatThrownBy(() -> JvmOptions.read(other))
        .hasMessageContaining("JAVA_OPTS is not one of");
    Path quoted = tmp.resolve("quoted.env");
    Files.writeString(
        quoted, "GC_CONTAINER_OPTIONS=-XX:+UseSerialGC\nJAVA_OPTS_APPEND=\"-Xmx1g -Xms1g\"\n");
    assertThatThrownBy(() -> JvmOptions.read(quoted)).hasMessageContaining("without quotes");
    Path noGc = tmp.resolve("no-gc.env");
    Files.writeString(noGc, "JAVA_OPTS_APPEND=-Xmx1g\n");
    assertThatThrownBy(() -> JvmOptions.read(noGc))
        .hasMessageContaining("does not set GC_CONTAINER_OPTIONS");
    assertThatThrownBy(() -> JvmOptions.read(tmp.resolve("missing.env")))
        .hasMessageContaining("no JVM options file");
  }

  /**
   * What the Quarkus JVM images' run-java.sh (its java-default-options) puts on the command line
   * before JAVA_OPTS_APPEND, around GC_CONTAINER_OPTIONS. The image's heap-free ratios and
   * throughput goal are the only flags the launcher does not pass: with a fixed heap and the serial
   * collector they do nothing, and the test below holds every other flag equal.
   */
  private static final List<String> IMAGE_BEFORE_GC = List.of("-XX:MaxRAMPercentage=50.0");

  private static final List<String> IMAGE_AFTER_GC =
      List.of(
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-XX:GCTimeRatio=4",
          "-XX:AdaptiveSizePolicyWeight=90",
          "-XX:+ExitOnOutOfMemoryError");

  private static final Set<String> IMAGE_ONLY =
      Set.of(
          // The memory the JVM sizes defaults from, set by the percentage; the heap is sized here.
          "MaxRAM",
          "MaxRAMPercentage",
          "MinHeapFreeRatio",
          "MaxHeapFreeRatio",
          "GCTimeRatio",
          "AdaptiveSizePolicyWeight");

  @Test
  void aJvmStartedAsTheLauncherStartsItRunsTheFlagsOfOneStartedAsTheImageStartsIt()
      throws Exception {
    for (String service : ServiceLauncher.SERVICES) {
      Map<String, String> variables = JvmOptions.variables(JvmOptions.file(ROOT, service));
      List<String> image = new ArrayList<>(IMAGE_BEFORE_GC);
      image.addAll(List.of(variables.get("GC_CONTAINER_OPTIONS").split("\\s+")));
      image.addAll(IMAGE_AFTER_GC);
      image.addAll(List.of(variables.get("JAVA_OPTS_APPEND").split("\\s+")));

      Map<String, String> launched = flags(JvmOptions.of(ROOT, service));
      Map<String, String> deployed = flags(image);
      Map<String, String> differing = new TreeMap<>();
      launched.forEach(
          (flag, value) -> {
            // Where the class data archive is mapped: random in every JVM.
            if (!flag.equals("SharedBaseAddress") && !value.equals(deployed.get(flag))) {
              differing.put(flag, value + " / " + deployed.get(flag));
            }
          });
      assertThat(differing.keySet()).as(service + ": " + differing).isSubsetOf(IMAGE_ONLY);
      assertThat(launched.get("UseSerialGC")).as(service).isEqualTo("true");
      assertThat(launched.get("InitialHeapSize")).isEqualTo(launched.get("MaxHeapSize"));
    }
  }

  private static final Pattern FLAG =
      Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S*)\\s+\\{", Pattern.MULTILINE);

  /** The final flags of a JVM started with {@code options}; fails if it does not start. */
  private static Map<String, String> flags(List<String> options) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(DevStack.javaBin());
    cmd.addAll(options);
    cmd.add("-XX:+PrintFlagsFinal");
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(cmd + "\n" + out).isZero();
    Map<String, String> flags = new HashMap<>();
    Matcher m = FLAG.matcher(out);
    while (m.find()) {
      flags.put(m.group(1), m.group(2));
    }
    assertThat(flags).containsKeys("MaxHeapSize", "UseSerialGC", "TieredStopAtLevel");
    return flags;
  }

  /** The value of the one option starting with {@code prefix}. */
  private static String only(List<String> options, String prefix) {
    List<String> found = options.stream().filter(o -> o.startsWith(prefix)).toList();
    assertThat(found).as(prefix).hasSize(1);
    return found.get(0).substring(prefix.length());
  }

  /**
   * The name an option is known by: {@code -XX:+UseSerialGC} and {@code -XX:SurvivorRatio=4} by the
   * flag ({@code UseSerialGC}, {@code SurvivorRatio}), {@code -Xmx384m} by {@code -Xmx}.
   */
  static String name(String option) {
    if (option.startsWith("-XX:")) {
      String flag = option.substring(4).replaceFirst("^[+-]", "");
      int eq = flag.indexOf('=');
      return eq < 0 ? flag : flag.substring(0, eq);
    }
    if (option.startsWith("-X") && option.length() >= 4) {
      return option.substring(0, 4);
    }
    int eq = option.indexOf('=');
    return eq < 0 ? option : option.substring(0, eq);
  }
}
