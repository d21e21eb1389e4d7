package io.trainyard.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT flags the launcher gives the services: a JVM starts with them, and in the streaming
 * stages a hot method outside their kernels never reaches C2 (it stays with C1).
 */
class JitFlagsTest {

  @TempDir Path tmp;

  /** A loop hot enough for C2 (not a streaming kernel), run by the child JVM below. */
  public static final class HotLoop {
    static long spin(long x) {
      long s = 0;
      for (int i = 0; i < 1000; i++) {
        s += (x * i) ^ (s >>> 3);
      }
      return s;
    }

    public static void main(String[] args) {
      long s = 0;
      for (int i = 0; i < 200_000; i++) {
        s += spin(i);
      }
      System.out.println("sum " + s);
    }
  }

  @Test
  void ingestCompilesEverythingWithC2ButInlinesNoFrameworkMethod() throws Exception {
    List<String> flags = ServiceLauncher.jitFor("ingest-service", tmp);
    String json = java.nio.file.Files.readString(tmp.resolve("jit-ingest.json"));
    assertThat(json).contains("match: [\"*.*\"]").contains("\"-io/netty/*.*\"");
    assertThat(flags).containsAll(ServiceLauncher.LATE_C2);
    String out = run(flags);
    assertThat(out).contains("1 compiler directives added").contains("sum ");
    // Code outside the framework still reaches C2.
    assertThat(out).containsPattern("(?m)^\\s*\\d+\\s+\\d+ .{6}4\\s+\\S*HotLoop::spin");
  }

  /** Runs {@link HotLoop} with {@code flags} and PrintCompilation; its output. */
  private static String run(List<String> flags) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(DevStack.javaBin());
    cmd.addAll(flags);
    cmd.add("-XX:+PrintCompilation");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(HotLoop.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void labelingRunsC1Only() throws Exception {
    List<String> flags = ServiceLauncher.jitFor("labeling-service", tmp);
    assertThat(flags).containsExactly("-XX:TieredStopAtLevel=1");
    String out = run(flags);
    assertThat(out)
        .contains("sum ")
        .containsPattern("(?m)^\\s*\\d+\\s+\\d+ .{6}1\\s+\\S*HotLoop::spin");
    assertThat(out).doesNotContainPattern("(?m)^\\s*\\d+\\s+\\d+ .{6}[34]\\s+\\S*HotLoop::spin");
  }

  @Test
  void cleaningKeepsC2ForItsKernelsOnly() throws Exception {
    for (String module : List.of("cleaning-service")) {
      String out = run(ServiceLauncher.jitFor(module, tmp));
      assertThat(out).contains("2 compiler directives added").contains("sum ");
      // The loop is compiled by C1 and refused by C2: the directives parse and apply.
      assertThat(out)
          .containsPattern("made not compilable on level 4 +.*HotLoop::spin")
          // and no compilation line (time, id, flags, level) at level 4
          .doesNotContainPattern("(?m)^\\s*\\d+\\s+\\d+ .{6}4\\s+\\S*HotLoop::spin");
    }
  }
}
