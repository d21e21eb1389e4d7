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
 * JVMs with the JVM options they ship with ({@link JvmOptions}), pointed at a {@link Stack}, each
 * on a free port, and stops them all on {@link #close()} (also from a JVM shutdown hook, so Ctrl-C
 * leaves nothing behind).
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
      ProcessBuilder pb =
          new ProcessBuilder(command(module, port, jar, extraJvmOptions()))
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
   * The command line of {@code module}: the JVM options it ships with ({@link JvmOptions}, the ones
   * its Kubernetes Deployment takes), then {@code extra}, then where it finds the stack and its
   * port.
   */
  List<String> command(String module, int port, Path jar, List<String> extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(DevStack.javaBin());
    cmd.addAll(JvmOptions.of(projectRoot, module));
    cmd.addAll(extra);
    cmd.add("-Dquarkus.http.port=" + port);
    cmd.add("-Dquarkus.http.host=127.0.0.1");
    stack.kafkaClientConfig().forEach((key, value) -> cmd.add("-Dkafka." + key + "=" + value));
    cmd.add("-Dquarkus.mongodb.connection-string=" + stack.mongoUri());
    extraProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-jar");
    cmd.add(jar.toString());
    return cmd;
  }

  /**
   * JVM options from {@code TRAINYARD_SERVICE_JAVA_OPTS} (split on whitespace), added to every
   * service's command line after the ones it ships with, to profile the services, e.g. {@code
   * -XX:StartFlightRecording=filename=/tmp/jfr/}. Never for figures: what is measured is what
   * ships.
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
