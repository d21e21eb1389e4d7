package io.trainyard.cli.stack;

import io.trainyard.cli.ExitCodes;
import io.trainyard.cli.Units;
import io.trainyard.cli.demo.Demo;
import io.trainyard.cli.models.RegistryClient;
import io.trainyard.cli.watch.EventLines;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.devstack.DevStack;
import io.trainyard.devstack.ServiceLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code trainyard up}: the devstack (broker + store, data kept under {@code .trainyard/stack}) and
 * the six packaged services, started as the demo starts them, kept running until {@code trainyard
 * down} (a SIGTERM to this process) or Ctrl-C. While it runs, {@code .trainyard/stack.json} says
 * where everything listens; one stack runs per data folder (a file lock held while it runs).
 *
 * <p>Stopping, whichever way it is asked for, goes one way (a shutdown hook): the services first,
 * while the broker and the store still serve them, then the stack (the store writes its file, the
 * broker closes its log), then the state file.
 */
public final class Up {

  /**
   * @param root the checkout (holding devstack/ and the services' target/ folders)
   * @param home where the data, the logs and the state file go
   * @param serviceStart how long the services may take to be ready
   */
  public record Options(Path root, StackHome home, Duration serviceStart) {}

  private final PrintStream out;
  private final PrintStream err;

  /** Counted down once everything is stopped. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile DevStack stack;
  private volatile ServiceLauncher launcher;
  private volatile StackHome home;

  public Up(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Starts the stack and blocks until it is stopped; the exit status. */
  public int run(Options o) {
    Optional<String> unbuilt = Demo.notBuilt(o.root());
    if (unbuilt.isPresent()) {
      err.println(unbuilt.get());
      return ExitCodes.FAILED;
    }
    home = o.home();
    try {
      Files.createDirectories(home.data());
    } catch (IOException e) {
      err.println("cannot create " + home.data() + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    try (FileChannel lockFile =
            FileChannel.open(home.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        return refuse();
      }
      return runLocked(o);
    } catch (OverlappingFileLockException e) {
      return refuse(); // this JVM already runs a stack on this folder
    } catch (IOException e) {
      err.println("up failed: " + e);
      return ExitCodes.FAILED;
    }
  }

  private int refuse() {
    StackStatus status;
    try {
      status = home.status();
    } catch (IllegalStateException e) {
      status = null;
    }
    if (status != null && status.kind() == StackStatus.Kind.UP) {
      StackState s = status.state();
      err.println(
          "a stack is already up here (trainyard up, pid "
              + s.pid()
              + "): ingest "
              + s.ingestUrl()
              + ", Kafka "
              + s.bootstrapServers()
              + ", registry "
              + s.registry()
              + ".\nUse it, or stop it first with 'trainyard down'.");
    } else {
      err.println(
          "another trainyard up is starting or stopping a stack on "
              + home.data()
              + (status != null && status.state() != null
                  ? " (pid " + status.state().pid() + ")"
                  : "")
              + "; stop it with 'trainyard down' or wait for it.");
    }
    return ExitCodes.FAILED;
  }

  private int runLocked(Options o) throws IOException {
    cleanUpAfterAKilledStack();
    StackState state = StackState.starting(ProcessHandle.current(), home.data(), home.logs());
    state.write(home.stateFile());
    if (System.getProperty("trainyard.devstack.home") == null) {
      System.setProperty("trainyard.devstack.home", o.root().resolve("devstack").toString());
    }
    // Ctrl-C, trainyard down (SIGTERM) and a failure below all stop through here.
    Thread hook = new Thread(this::stop, "trainyard-up-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    int exit = ExitCodes.FAILED;
    try {
      long t = System.nanoTime();
      stack = DevStack.start(home.data(), true);
      out.println(
          EventLines.label("stack")
              + "Kafka "
              + stack.bootstrapServers()
              + ", store "
              + stack.mongoUri()
              + " ("
              + since(t)
              + ")");
      stack.createTopics(Topics.ALL);
      launcher = new ServiceLauncher(o.root(), stack, home.logs());
      long t0 = System.nanoTime();
      Map<String, ServiceLauncher.Running> running =
          launcher.start(
              ServiceLauncher.SERVICES,
              o.serviceStart(),
              r ->
                  out.println(
                      EventLines.label("service")
                          + String.format("%-18s", r.name())
                          + " ready on :"
                          + r.port()
                          + " ("
                          + since(t0)
                          + ")"));
      String registry = "127.0.0.1:" + running.get("registry-service").port();
      state =
          state.ready(
              running.get("ingest-service").url(),
              stack.bootstrapServers(),
              registry,
              stack.mongoUri(),
              processes(running));
      state.write(home.stateFile());
      printReady(state, since(t));
      exit = watch(running);
      return exit;
    } catch (RuntimeException e) {
      if (!stopping.get()) {
        err.println("up failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        err.println("logs: " + home.data().resolve("stack.log") + ", " + home.logs());
      }
      return exit;
    } finally {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running or has run
      }
    }
  }

  /**
   * A state file whose {@code up} was killed (SIGKILL, a crash) may name services that still run,
   * connected to a broker that is gone: stop them before starting new ones.
   */
  private void cleanUpAfterAKilledStack() {
    StackStatus before;
    try {
      before = home.status();
    } catch (IllegalStateException e) {
      err.println(e.getMessage().replace("; delete it", "") + ": replacing it");
      return;
    }
    if (before.kind() == StackStatus.Kind.ENDED) {
      int left = ProcessRef.stopAll(before.state().processes(), Duration.ofSeconds(15));
      if (left > 0) {
        out.println(
            EventLines.label("clean-up")
                + "stopped "
                + Down.processes(left)
                + " left running by the last stack (trainyard up, pid "
                + before.state().pid()
                + ", was killed)");
      }
    }
  }

  private List<ProcessRef> processes(Map<String, ServiceLauncher.Running> running) {
    List<ProcessRef> refs = new ArrayList<>();
    for (long pid : stack.pids()) {
      ProcessHandle.of(pid).ifPresent(h -> refs.add(ProcessRef.of("stack", h)));
    }
    for (String module : ServiceLauncher.SERVICES) {
      refs.add(ProcessRef.of(module, running.get(module).process().toHandle()));
    }
    return refs;
  }

  private void printReady(StackState s, String took) {
    String models = registeredModels(s.registry());
    out.println(
        EventLines.label("ready")
            + "Trainyard is up ("
            + took
            + "); it runs until 'trainyard down' or Ctrl-C");
    out.println("  ingest     " + s.ingestUrl());
    out.println("  kafka      " + s.bootstrapServers());
    out.println("  registry   " + s.registry() + " (gRPC)");
    out.println("  store      " + s.storeUri());
    out.println("  logs       " + s.logs());
    out.println("  data       " + s.data() + " (kept between starts)");
    out.println("  models     " + models);
    out.println("submit, watch and models find these addresses without flags, e.g.:");
    out.println(
        "  ./trainyard submit --data data/breast-cancer/breast_cancer.csv"
            + " --spec data/breast-cancer/pipeline.yaml --watch");
    out.println("  ./trainyard models get breast-cancer-mlp");
  }

  /** What the registry already holds (a kept data folder): one line. */
  private static String registeredModels(String registry) {
    try (RegistryClient client = new RegistryClient(registry)) {
      List<Model> models = client.listModels();
      if (models.isEmpty()) {
        return "none registered yet";
      }
      return models.stream()
          .map(m -> m.getModelId() + " v" + m.getLatestVersion())
          .collect(Collectors.joining(", "));
    } catch (RuntimeException e) {
      return "(could not list them: " + e.getMessage() + ")";
    }
  }

  /**
   * Waits until the stack is stopped. A service that exits is reported (the others go on serving:
   * the registry can still be queried without ingest); a broker and store that exit end it.
   */
  private int watch(Map<String, ServiceLauncher.Running> running) {
    Set<String> reported = new HashSet<>();
    while (!stopping.get()) {
      if (stack.pids().isEmpty()) {
        if (!stopping.get()) {
          err.println(
              "the broker and store exited; see "
                  + home.data().resolve("stack.log")
                  + "; stopping the services");
          return ExitCodes.FAILED;
        }
        break;
      }
      for (ServiceLauncher.Running r : running.values()) {
        if (!r.process().isAlive() && reported.add(r.name()) && !stopping.get()) {
          err.println(
              EventLines.label("service")
                  + r.name()
                  + " exited (status "
                  + r.process().exitValue()
                  + "); see "
                  + r.log());
        }
      }
      try {
        stopped.await(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.FAILED;
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Stops the services, then the broker and store, then removes the state file; once, whoever asks
   * (the shutdown hook or the main thread); a second caller waits for the first.
   */
  void stop() {
    if (!stopping.compareAndSet(false, true)) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      out.println(EventLines.label("stop") + "stopping the services and the stack");
      ServiceLauncher l = launcher;
      if (l != null) {
        l.close();
      }
      DevStack s = stack;
      if (s != null) {
        s.close();
      }
      try {
        Files.deleteIfExists(home.stateFile());
      } catch (IOException e) {
        err.println("could not remove " + home.stateFile() + ": " + e.getMessage());
      }
      out.println(EventLines.label("stopped") + "data kept in " + home.data());
    } finally {
      out.flush();
      stopped.countDown();
    }
  }

  private static String since(long nanos) {
    return Units.formatDuration(Duration.ofNanos(System.nanoTime() - nanos));
  }
}
