package io.trainyard.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trainyard}: the command-line client of the platform. */
@TopCommand
@Command(
    name = "trainyard",
    mixinStandardHelpOptions = true,
    version = "trainyard 0.1.0",
    description = "Event-driven ML training on the JVM: upload, follow, and query models.",
    subcommands = {
      SubmitCommand.class,
      WatchCommand.class,
      ModelsCommand.class,
      UpCommand.class,
      DownCommand.class,
      DemoCommand.class
    })
public class TrainyardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return ExitCodes.USAGE;
  }
}
