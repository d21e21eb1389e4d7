package io.trainyard.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@link StackMain} in a child JVM and hands out its addresses. The child exits when this
 * JVM goes away (it watches its standard input), so no broker or store outlives a test run or the
 * demo, whatever way it ends.
 */
public final class DevStack implements Stack {

  private static final Pattern READY =
      Pattern.compile("READY kafka=(\\S+) mongo=(\\S+) pid=(\\d+)");
  private static DevStack shared;

  private final Process process;
  private final String bootstrapServers;
  private final String mongoUri;
  private final Map<String, String> kafkaSecurity;

  /** A temporary data folder this stack made for itself, deleted on close; null if the caller's. */
  private volatile Path ownDir;

  private DevStack(
      Process process, String bootstrapServers, String mongoUri, Map<String, String> security) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.mongoUri = mongoUri;
    this.kafkaSecurity = security;
  }

  /**
   * The stack shared by everything in this JVM: started on first use, stopped when the JVM exits.
   * Data lives in memory (Kafka's log in a temporary folder).
   */
  public static synchronized DevStack shared() {
    if (shared == null || !shared.process.isAlive()) {
      try {
        Path dir = Files.createTempDirectory("trainyard-devstack-");
        shared = start(dir, false);
        shared.ownDir = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      DevStack stack = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
    }
    return shared;
  }

  /**
   * Starts a stack whose broker and store keep their data under {@code dataDir}; with {@code
   * persistent} the store writes a file there (for the demo), else it keeps data in memory.
   */
  public static DevStack start(Path dataDir, boolean persistent) {
    return start(dataDir, persistent, null);
  }

  /**
   * Starts a stack (data in memory, the broker's log under {@code dataDir}) whose broker takes
   * SASL_PLAINTEXT connections only, mechanism PLAIN, with one user ({@code trainyard}) and a
   * password made for this stack: {@link #kafkaClientConfig()} holds the settings a client needs,
   * and a client without them gets nothing from the broker. For showing that every client of a
   * service takes the Kafka settings it is given.
   */
  public static DevStack startWithSasl(Path dataDir) {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    return start(dataDir, false, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  private static DevStack start(Path dataDir, boolean persistent, String saslPassword) {
    try {
      Files.createDirectories(dataDir);
      List<String> cmd = new ArrayList<>();
      cmd.add(javaBin());
      cmd.add("-Xmx768m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:TieredStopAtLevel=1");
      // For profiling or tuning the broker and store, as TRAINYARD_SERVICE_JAVA_OPTS does for the
      // services.
      cmd.addAll(ServiceLauncher.jvmOptionsFrom("TRAINYARD_STACK_JAVA_OPTS"));
      cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      cmd.add("-cp");
      cmd.add(classpath());
      cmd.add(StackMain.class.getName());
      cmd.add(dataDir.toAbsolutePath().toString());
      cmd.add(persistent ? "file" : "memory");
      ProcessBuilder builder =
          new ProcessBuilder(cmd)
              .redirectError(dataDir.resolve("stack.log").toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      Map<String, String> security = Map.of();
      if (saslPassword != null) {
        builder.environment().put(StackMain.SASL_PASSWORD, saslPassword);
        security =
            Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + StackMain.SASL_USER
                        + "\" password=\""
                        + saslPassword
                        + "\";");
      } else {
        builder.environment().remove(StackMain.SASL_PASSWORD);
      }
      Process process = builder.start();
      CompletableFuture<Matcher> ready =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  BufferedReader out =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  String line;
                  while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                      return m;
                    }
                  }
                  return null;
                } catch (IOException e) {
                  return null;
                }
              });
      Matcher m;
      try {
        m = ready.get(120, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        m = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        m = null;
      }
      if (m == null) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the devstack did not start; see " + dataDir.resolve("stack.log"));
      }
      return new DevStack(process, m.group(1), m.group(2), security);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public Map<String, String> kafkaClientConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.putAll(kafkaSecurity);
    return Map.copyOf(config);
  }

  @Override
  public String mongoUri() {
    return mongoUri;
  }

  @Override
  public List<Long> pids() {
    return process.isAlive() ? List.of(process.pid()) : List.of();
  }

  /** Stops the broker and the store: closes the child's input, then waits, then kills. */
  @Override
  public void close() {
    try {
      stop();
    } finally {
      Path dir = ownDir;
      ownDir = null;
      if (dir != null) {
        Folders.deleteQuietly(dir);
      }
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * target/classes + target/lib/* of this module, wherever the build put them. The broker and the
   * store are optional dependencies copied to target/lib, so they reach the child JVM without
   * landing on the classpath of every module that uses the launcher or the test resource.
   */
  static String classpath() {
    Path target = locateTarget();
    Path lib = target.resolve("lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "no devstack classpath at " + lib + "; build the devstack module first (mvn package)");
    }
    Path classes = target.resolve("classes");
    return classes + java.io.File.pathSeparator + lib + java.io.File.separator + "*";
  }

  private static Path locateTarget() {
    String home = System.getProperty("trainyard.devstack.home");
    if (home != null) {
      return Path.of(home).resolve("target");
    }
    Optional<Path> fromCodeSource = codeSourceTarget();
    if (fromCodeSource.isPresent()) {
      return fromCodeSource.get();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("devstack").resolve("target");
      if (Files.isDirectory(candidate.resolve("lib"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find devstack/target/lib above " + Path.of("").toAbsolutePath());
  }

  private static Optional<Path> codeSourceTarget() {
    try {
      var source = DevStack.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI());
      Path target = Files.isDirectory(location) ? location.getParent() : location.getParent();
      if (target != null
          && target.getFileName() != null
          && target.getFileName().toString().equals("target")
          && Files.isDirectory(target.resolve("lib"))) {
        return Optional.of(target);
      }
      return Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
