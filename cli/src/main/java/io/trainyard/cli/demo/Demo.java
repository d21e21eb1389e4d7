package io.trainyard.cli.demo;

import io.trainyard.cli.ExitCodes;
import io.trainyard.cli.Units;
import io.trainyard.cli.models.ModelPrinter;
import io.trainyard.cli.models.RegistryClient;
import io.trainyard.cli.submit.IngestClient;
import io.trainyard.cli.submit.Upload;
import io.trainyard.cli.watch.Console;
import io.trainyard.cli.watch.EventLines;
import io.trainyard.cli.watch.Watcher;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.devstack.DevStack;
import io.trainyard.devstack.ServiceLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole flow on one machine: the devstack (broker + store, data under {@code .trainyard/demo}),
 * the six packaged services, an upload, the watch to the registration, the registered version read
 * back over gRPC, the resident memory of it all, and a clean stop.
 */
public final class Demo {

  /**
   * @param root the checkout (holding devstack/, data/ and the services' target/ folders)
   * @param data the CSV to upload
   * @param spec the pipeline spec
   * @param timeout how long to wait for the registration once uploaded
   */
  public record Options(Path root, Path data, Path spec, Duration timeout) {}

  private static final Duration SERVICE_START = Duration.ofMinutes(3);

  private final PrintStream out;
  private final PrintStream err;

  public Demo(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(Options o) {
    long started = System.nanoTime();
    Path home = o.root().resolve(".trainyard").resolve("demo");
    Path logs = home.resolve("logs");
    Optional<String> unbuilt = notBuilt(o.root());
    if (unbuilt.isPresent()) {
      err.println(unbuilt.get());
      return ExitCodes.FAILED;
    }
    for (Path f : List.of(o.data(), o.spec())) {
      if (!Files.isRegularFile(f)) {
        err.println("no such file: " + f);
        return ExitCodes.USAGE;
      }
    }
    if (System.getProperty("trainyard.devstack.home") == null) {
      System.setProperty("trainyard.devstack.home", o.root().resolve("devstack").toString());
    }

    DevStack stack = null;
    ServiceLauncher launcher = null;
    Map<String, ServiceLauncher.Running> running = new ConcurrentHashMap<>();
    int exit = ExitCodes.FAILED;
    try {
      long t = System.nanoTime();
      stack = DevStack.start(home, true);
      out.println(
          EventLines.label("stack")
              + "Kafka "
              + stack.bootstrapServers()
              + ", store "
              + stack.mongoUri()
              + " ("
              + since(t)
              + ")");
      stack.createTopics(io.trainyard.contracts.Topics.ALL);
      launcher = new ServiceLauncher(o.root(), stack, logs);
      long t0 = System.nanoTime();
      running.putAll(
          launcher.start(
              ServiceLauncher.SERVICES,
              SERVICE_START,
              r ->
                  out.println(
                      EventLines.label("service")
                          + String.format("%-18s", r.name())
                          + " ready on :"
                          + r.port()
                          + " ("
                          + since(t0)
                          + ")")));

      ServiceLauncher.Running ingest = running.get("ingest-service");
      Upload upload = new IngestClient(ingest.url()).submit(o.data(), o.spec());
      out.println(EventLines.label("submit") + upload.summary());
      if (!upload.accepted()) {
        return exit;
      }

      Watcher.Result result =
          new Watcher(stack.bootstrapServers())
              .watch(
                  upload.datasetId(),
                  upload.version(),
                  o.timeout(),
                  new Console(out),
                  () -> deadService(running.values()));
      switch (result.ending()) {
        case FAILED -> err.println("training failed: " + result.failureReason());
        case ABORTED -> err.println(result.failureReason());
        case TIMED_OUT ->
            err.println(
                "no registration for "
                    + upload.datasetId()
                    + " v"
                    + upload.version()
                    + " within "
                    + Units.formatDuration(o.timeout()));
        case REGISTERED -> {
          ModelVersionRegistered registered = result.registered().orElseThrow();
          ServiceLauncher.Running registry = running.get("registry-service");
          try (RegistryClient client = new RegistryClient("127.0.0.1:" + registry.port())) {
            var version =
                client.getVersion(
                    "models/" + registered.getModelName() + "/versions/" + registered.getVersion());
            out.println();
            out.println(ModelPrinter.version(version));
            out.println();
          }
          exit = ExitCodes.OK;
        }
      }
      if (result.ending() == Watcher.Ending.TIMED_OUT) {
        exit = ExitCodes.TIMED_OUT;
      }

      List<Long> servicePids = launcher.pids();
      long stackBytes = ServiceLauncher.residentBytes(stack.pids());
      long serviceBytes = ServiceLauncher.residentBytes(servicePids);
      out.println(
          EventLines.label("memory")
              + Units.formatBytes(stackBytes + serviceBytes)
              + " resident: stack "
              + Units.formatBytes(stackBytes)
              + " + "
              + servicePids.size()
              + " services "
              + Units.formatBytes(serviceBytes));
      out.println(EventLines.label("time") + since(started) + " wall");
      return exit;
    } catch (IOException e) {
      err.println("demo failed: " + e);
      return exit;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("demo interrupted");
      return exit;
    } catch (RuntimeException e) {
      err.println("demo failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return exit;
    } finally {
      if (exit != ExitCodes.OK) {
        err.println("logs:");
        err.println("  " + home.resolve("stack.log"));
        for (String module : ServiceLauncher.SERVICES) {
          err.println("  " + logs.resolve(module + ".log"));
        }
      }
      out.println(EventLines.label("stop") + "stopping the services and the stack");
      if (launcher != null) {
        launcher.close();
      }
      if (stack != null) {
        stack.close();
      }
    }
  }

  /**
   * Why the services of the checkout at {@code root} cannot be started, if some are not packaged
   * yet: which ones, and how to build them. Empty when all are.
   */
  public static Optional<String> notBuilt(Path root) {
    List<String> missing = new ArrayList<>();
    for (String module : ServiceLauncher.SERVICES) {
      if (!Files.exists(root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"))) {
        missing.add(module);
      }
    }
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "not built: "
                + String.join(", ", missing)
                + "; build them first: mvn -B package -DskipTests");
  }

  /** Says which service has exited, if one has: the flow cannot finish without it. */
  static String deadService(Iterable<ServiceLauncher.Running> services) {
    for (ServiceLauncher.Running r : services) {
      if (!r.process().isAlive()) {
        return r.name()
            + " exited (status "
            + r.process().exitValue()
            + ") before the flow finished; see "
            + r.log();
      }
    }
    return null;
  }

  private static String since(long nanos) {
    return Units.formatDuration(Duration.ofNanos(System.nanoTime() - nanos));
  }
}
