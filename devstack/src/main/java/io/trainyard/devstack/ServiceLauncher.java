package io.trainyard.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts the packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as separate
 * JVMs with a bounded heap, pointed at a {@link Stack}, each on a free port, and stops them all on
 * {@link #close()} (also from a JVM shutdown hook, so Ctrl-C leaves nothing behind).
 */
public final class ServiceLauncher implements AutoCloseable {

  /** The six services, in the order they are started. */
  public static final List<String> SERVICES =
      List.of(
          "registry-service",
          "evaluator-service",
          "trainer-service",
          "labeling-service",
          "cleaning-service",
          "ingest-service");

  private final Path projectRoot;
  private final Stack stack;
  private final Path logDir;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Thread hook = new Thread(this::close, "services-stop");
  private final Map<String, String> extraProperties = new LinkedHashMap<>();

  /** A started service: its HTTP port (REST, health, metrics and gRPC share it) and its log. */
  public record Running(String name, int port, Process process, Path log) {
    public String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  public ServiceLauncher(Path projectRoot, Stack stack, Path logDir) {
    this.projectRoot = projectRoot;
    this.stack = stack;
    this.logDir = logDir;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A system property given to every service started after this call. */
  public ServiceLauncher withProperty(String key, String value) {
    extraProperties.put(key, value);
    return this;
  }

  /** Starts {@code modules} (all at once) and waits until each reports ready. */
  public Map<String, Running> start(List<String> modules, Duration timeout) {
    return start(modules, timeout, r -> {});
  }

  /**
   * Starts {@code modules} (all at once) and waits until each reports ready, calling {@code
   * onReady} as each one does. Fails as soon as one exits or the timeout passes.
   */
  public synchronized Map<String, Running> start(
      List<String> modules, Duration timeout, Consumer<Running> onReady) {
    List<Running> pending = new ArrayList<>();
    for (String module : modules) {
      Running r = launch(module);
      running.put(module, r);
      pending.add(r);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (!pending.isEmpty()) {
      for (var it = pending.iterator(); it.hasNext(); ) {
        Running r = it.next();
        if (isReady(http, r)) {
          it.remove();
          onReady.accept(r);
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            pending.get(0).name() + " was not ready in time; see " + pending.get(0).log());
      }
      sleepQuietly(250);
    }
    return Map.copyOf(running);
  }

  /** A started service by module name. */
  public synchronized Running get(String module) {
    Running r = running.get(module);
    if (r == null) {
      throw new IllegalArgumentException(module + " is not running");
    }
    return r;
  }

  /** Process ids of the services. */
  public synchronized List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    running.values().forEach(r -> pids.add(r.process().pid()));
    return pids;
  }

  private Running launch(String module) {
    Path jar = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("not built: " + jar + " (run mvn package first)");
    }
    try {
      Files.createDirectories(logDir);
      int port = Ports.free();
      Path log = logDir.resolve(module + ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(DevStack.javaBin());
      cmd.addAll(heapFor(module));
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:+ExitOnOutOfMemoryError");
      cmd.addAll(jitFor(module, logDir));
      cmd.addAll(extraJvmOptions());
      cmd.add("-Dquarkus.http.port=" + port);
      cmd.add("-Dquarkus.http.host=127.0.0.1");
      stack.kafkaClientConfig().forEach((key, value) -> cmd.add("-Dkafka." + key + "=" + value));
      cmd.add("-Dquarkus.mongodb.connection-string=" + stack.mongoUri());
      extraProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      cmd.add("-jar");
      cmd.add(jar.toString());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(projectRoot.resolve(module).toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("DJL_OFFLINE", "true");
      pb.environment()
          .putIfAbsent(
              "DJL_CACHE_DIR", projectRoot.resolve(".trainyard/djl").toAbsolutePath().toString());
      return new Running(module, port, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The classes of the streaming stages' per-value loops (column decoding and encoding, statistics,
   * cleaning, batch building): the only code cleaning lets C2 compile.
   */
  static final List<String> STREAMING_KERNELS =
      List.of(
          "io/trainyard/toolkit/wire/*.*",
          "io/trainyard/cleaning/ColumnStats.*",
          "io/trainyard/cleaning/Profiler.*",
          "io/trainyard/cleaning/ChunkColumns.*",
          "io/trainyard/cleaning/Cleaner.*",
          "io/trainyard/cleaning/CleaningPlan$NumericStep.*",
          "io/trainyard/cleaning/ChunkWire.*",
          "io/trainyard/cleaning/RowHasher.*",
          "io/trainyard/cleaning/LongHashSet.*",
          "io/trainyard/labeling/FeatureEncoder.*",
          "io/trainyard/labeling/BatchBuilder.*",
          "io/trainyard/labeling/EncodedBatch.*",
          "io/trainyard/labeling/LabelColumn.*");

  /**
   * What C2 does not inline into those loops: the framework and the stages' messaging, reached
   * through the sinks that batches and chunks go to (a batch builder's sink is a Kafka send).
   */
  static final List<String> NOT_INLINED =
      List.of(
          "org/apache/kafka/*.*",
          "io/smallrye/*.*",
          "io/vertx/*.*",
          "io/netty/*.*",
          "io/quarkus/*.*",
          "io/micrometer/*.*",
          "io/opentelemetry/*.*",
          "io/trainyard/toolkit/messaging/*.*",
          "io/trainyard/cleaning/service/*.*",
          "io/trainyard/cleaning/messaging/*.*",
          "io/trainyard/labeling/service/*.*",
          "io/trainyard/labeling/messaging/*.*",
          "io/trainyard/labeling/SplitWriter*.*",
          "io/trainyard/labeling/Labeler*.*");

  /**
   * JIT flags per service, for two cores shared by everything. Cleaning lets C2 compile its
   * per-value loops only ({@link #STREAMING_KERNELS}, by a compiler directives file written to
   * {@code dir}), without inlining the framework into them ({@link #NOT_INLINED}); everything else
   * (Kafka, messaging, HTTP, protobuf) stays with C1. With C2 for everything, it went on compiling
   * (and recompiling after deoptimizations) those framework paths during every data set, which cost
   * more CPU than its code saved; with C1 only, its loops over twenty million values per pass ran
   * at C1's speed. Labeling runs C1 only: its loops are a small share of its work, and a method
   * that C2 may not compile is compiled twice by C1 (with profiling, then without), which in
   * labeling went on for 0.05-0.1 CPU s every data set. Ingest keeps the full tiered pipeline (it
   * parses CSV text, where C2's code is about twice as fast, and warms its parser up at start), but
   * C2 inlines no framework method ({@link #FRAMEWORK}) into any other: compiled with their callees
   * inlined, Kafka's selector loop took C2 0.36 s, Netty's read-complete path 0.2 s, Kafka's record
   * writer 0.14 s, and such compiles went on into the fifth to seventh upload (0.25-0.75 CPU s an
   * upload); with framework methods kept out of each other only, the framework went on being
   * inlined into the JDK's {@code CompletableFuture} callbacks (0.3 s for one). Its code moves
   * whole buffers per call, so a call more per step costs nothing measurable. Its C2 thresholds are
   * raised ({@link #LATE_C2}) so that the lukewarm framework paths stay with C1.
   */
  static List<String> jitFor(String module, Path dir) throws IOException {
    return switch (module) {
      case "cleaning-service" ->
          directives(dir.resolve("jit-streaming.json"), STREAMING_KERNELS, NOT_INLINED);
      case "labeling-service" -> List.of("-XX:TieredStopAtLevel=1");
      case "ingest-service" -> {
        List<String> flags =
            new java.util.ArrayList<>(
                frameworkNotInlined(dir.resolve("jit-ingest.json"), FRAMEWORK));
        flags.addAll(LATE_C2);
        yield flags;
      }
      default -> List.of();
    };
  }

  /**
   * C2's thresholds for ingest, four times the defaults (invocations, invocations + loop
   * iterations, loop iterations): methods called a few thousand times per upload (per network poll,
   * per produce request) stay with C1 instead of reaching C2 one after another, upload after
   * upload. JFR showed a hundred first C2 compilations per upload still in the seventh (Kafka's and
   * the JDK's selector loops, buffer caches), 0.04-0.25 CPU s an upload; with these, 0.02-0.09.
   * Per-row and per-value code (parsing, hashing, encoding) still reaches C2 within the warm-up.
   */
  static final List<String> LATE_C2 =
      List.of(
          "-XX:Tier4InvocationThreshold=20000",
          "-XX:Tier4MinInvocationThreshold=2400",
          "-XX:Tier4CompileThreshold=60000",
          "-XX:Tier4BackEdgeThreshold=160000");

  /** The framework's packages: what C2 compiles in ingest without inlining them anywhere. */
  static final List<String> FRAMEWORK =
      List.of(
          "org/apache/kafka/*.*",
          "io/netty/*.*",
          "io/vertx/*.*",
          "io/smallrye/*.*",
          "io/quarkus/*.*",
          "io/micrometer/*.*",
          "io/opentelemetry/*.*",
          "com/mongodb/*.*",
          "org/jboss/*.*",
          "org/eclipse/microprofile/*.*");

  /**
   * Flags for a compiler directives file, written to {@code file}, with which C2 compiles every
   * method as usual but inlines none of {@code framework} into it.
   */
  private static List<String> frameworkNotInlined(Path file, List<String> framework)
      throws IOException {
    String json =
        "[\n  { match: [\"*.*\"],\n    c2: { inline: " + jsonList(framework, "-") + " } }\n]\n";
    Files.writeString(file, json);
    return List.of(
        "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file.toAbsolutePath());
  }

  /**
   * Flags for a compiler directives file, written to {@code file}, that lets C2 compile the methods
   * of {@code c2} only, without inlining {@code notInlined} into them.
   */
  private static List<String> directives(Path file, List<String> c2, List<String> notInlined)
      throws IOException {
    String json =
        "[\n  { match: "
            + jsonList(c2, "")
            + ",\n    c2: { Exclude: false, inline: "
            + jsonList(notInlined, "-")
            + " } },\n  { match: [\"*.*\"], c2: { Exclude: true } }\n]\n";
    Files.writeString(file, json);
    return List.of(
        "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file.toAbsolutePath());
  }

  private static String jsonList(List<String> patterns, String prefix) {
    StringBuilder b = new StringBuilder("[");
    for (String p : patterns) {
      b.append(b.length() == 1 ? "" : ", ").append('"').append(prefix).append(p).append('"');
    }
    return b.append(']').toString();
  }

  /**
   * JVM options from {@code TRAINYARD_SERVICE_JAVA_OPTS} (split on whitespace), added to every
   * service's command line after the defaults, for profiling or tuning a run, e.g. {@code
   * -XX:StartFlightRecording=filename=/tmp/jfr/}.
   */
  static List<String> extraJvmOptions() {
    return jvmOptionsFrom("TRAINYARD_SERVICE_JAVA_OPTS");
  }

  /** JVM options from an environment variable, split on whitespace; none when it is unset. */
  static List<String> jvmOptionsFrom(String variable) {
    String opts = System.getenv(variable);
    if (opts == null || opts.isBlank()) {
      return List.of();
    }
    return List.of(opts.trim().split("\\s+"));
  }

  /**
   * Heap flags per service. The trainer and evaluator hold a model and a split. The streaming
   * stages (ingest, cleaning, labeling) hold little for long, but tens of MiB are in flight at any
   * moment (parsed chunks queued for a worker, sends awaiting acknowledgement, fetched records): a
   * young generation of half the heap with survivor spaces of 32 MiB keeps those in the young
   * generation until they die. With the default sizes (a third of 256 MiB, survivors of 8.5 MiB)
   * every young collection promoted 8-15 MiB of them, and the old generation filled every data set
   * or two (a full collection of 60-80 ms): the three stages' collections took 1.1 s of pauses in
   * four data sets of a million rows, 0.58 s with these sizes. The registry keeps the default.
   */
  static List<String> heapFor(String module) {
    return switch (module) {
      case "trainer-service", "evaluator-service" -> List.of("-Xmx512m");
      case "ingest-service", "cleaning-service", "labeling-service" ->
          List.of("-Xmx384m", "-Xmn192m", "-XX:SurvivorRatio=4");
      default -> List.of("-Xmx256m");
    };
  }

  private static boolean isReady(HttpClient http, Running r) {
    if (!r.process().isAlive()) {
      throw new IllegalStateException(
          r.name() + " exited with " + r.process().exitValue() + "; see " + r.log());
    }
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(r.url() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + r.name(), e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every service: SIGTERM, then a kill after 15 s. */
  @Override
  public synchronized void close() {
    for (Running r : running.values()) {
      r.process().destroy();
    }
    for (Running r : running.values()) {
      try {
        if (!r.process().waitFor(15, TimeUnit.SECONDS)) {
          r.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        r.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    running.clear();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }

  /** Resident memory of the given processes, from /proc (0 where it cannot be read). */
  public static long residentBytes(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      Path status = Path.of("/proc", Long.toString(pid), "status");
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            String[] parts = line.trim().split("\\s+");
            total += Long.parseLong(parts[1]) * 1024;
          }
        }
      } catch (IOException | RuntimeException e) {
        // process gone or no /proc
      }
    }
    return total;
  }
}
