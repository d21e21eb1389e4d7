package io.trainyard.cli;

import io.trainyard.cli.stack.Down;
import io.trainyard.cli.stack.StackHome;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainyard down}: stops what {@code trainyard up} started. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the stack that 'trainyard up' runs here (the services, then the broker and store);",
      "the data stays in .trainyard/stack for the next 'trainyard up'."
    })
public class DownCommand implements Callable<Integer> {

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      description = "how long to wait before killing what is left (default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() {
    StackHome home;
    Duration limit;
    try {
      limit = Units.parseDuration(timeout);
      home = StackHome.locate();
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    return new Down(System.out, System.err).run(home, limit);
  }
}
