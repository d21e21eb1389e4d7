package io.trainyard.cli;

import io.trainyard.cli.demo.ProjectRoot;
import io.trainyard.cli.stack.StackHome;
import io.trainyard.cli.stack.Up;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code trainyard up}: the platform on this machine, kept running. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the embedded broker and store and the six services, and keep them running until",
      "'trainyard down' (from another terminal) or Ctrl-C. Data sets and models are kept in",
      ".trainyard/stack between starts; submit, watch and models find the stack without flags.",
      "Run inside the checkout after building the services (mvn -B package -DskipTests)."
    })
public class UpCommand implements Callable<Integer> {

  private static final Duration SERVICE_START = Duration.ofMinutes(3);

  @Override
  public Integer call() {
    Path root;
    StackHome home;
    try {
      root = ProjectRoot.locate();
      home = StackHome.locate();
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    return new Up(System.out, System.err).run(new Up.Options(root, home, SERVICE_START));
  }
}
