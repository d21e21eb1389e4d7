package io.trainyard.cli;

import io.trainyard.cli.stack.Addresses;
import io.trainyard.cli.watch.Console;
import io.trainyard.cli.watch.Watcher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainyard watch}: follows a data set through the pipeline. */
@Command(
    name = "watch",
    description = {
      "Follow a data set through the pipeline: one line per stage, a progress bar while it trains.",
      "Ends when its model version is registered (exit 0), training fails (1) or time runs out (3)."
    })
public class WatchCommand implements Callable<Integer> {

  // No standard -V/--version here: --version is the data set version.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "ID",
      description = "data set id (the spec's name)")
  String dataset;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "data set version (default: the newest on the broker, or the next to arrive)")
  Integer version;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Kafka bootstrap servers (default: env TRAINYARD_BOOTSTRAP_SERVERS, else the stack of"
              + " 'trainyard up')")
  String bootstrapServers;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description = "give up after this long, e.g. 90s, 10m (default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() {
    Duration limit;
    try {
      limit = Units.parseDuration(timeout);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    String bootstrap;
    try {
      bootstrap = Addresses.here().of(Addresses.Target.KAFKA, bootstrapServers);
    } catch (Addresses.Missing e) {
      System.err.println(e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    return watch(bootstrap, dataset, version, limit, System.out, System.err);
  }

  /** Runs a watch and turns its ending into an exit status (shared with {@code submit --watch}). */
  static int watch(
      String bootstrap,
      String dataset,
      Integer version,
      Duration timeout,
      PrintStream out,
      PrintStream err) {
    Watcher.Result result;
    try {
      result = new Watcher(bootstrap).watch(dataset, version, timeout, new Console(out));
    } catch (org.apache.kafka.common.KafkaException e) {
      err.println("cannot read from Kafka at " + bootstrap + ": " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    String what = dataset + (result.version() == null ? "" : " v" + result.version());
    return switch (result.ending()) {
      case REGISTERED -> ExitCodes.OK;
      case FAILED -> {
        err.println("training of " + what + " failed: " + result.failureReason());
        yield ExitCodes.FAILED;
      }
      case ABORTED -> {
        err.println(result.failureReason());
        yield ExitCodes.FAILED;
      }
      case TIMED_OUT -> {
        err.println(
            "gave up after "
                + Units.formatDuration(timeout)
                + ": no model registered for "
                + what
                + " yet");
        yield ExitCodes.TIMED_OUT;
      }
    };
  }
}
