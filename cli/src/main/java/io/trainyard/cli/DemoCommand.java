package io.trainyard.cli;

import io.trainyard.cli.demo.Demo;
import io.trainyard.cli.demo.ProjectRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainyard demo}: the whole flow on this machine, then a clean stop. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the embedded broker and store and the six services, upload the breast cancer data,",
      "follow it to a registered model, show it, report memory and time, and stop everything.",
      "Run inside the checkout after building the services (mvn -B package -DskipTests)."
    })
public class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "CSV to upload (default: data/breast-cancer/breast_cancer.csv)")
  Path data;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "pipeline spec (default: data/breast-cancer/pipeline.yaml)")
  Path spec;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "20m",
      description = "how long to wait for the registration (default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() {
    Path root;
    Duration limit;
    try {
      root = ProjectRoot.locate();
      limit = Units.parseDuration(timeout);
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    Path csv = data != null ? data : root.resolve("data/breast-cancer/breast_cancer.csv");
    Path yaml = spec != null ? spec : root.resolve("data/breast-cancer/pipeline.yaml");
    return new Demo(System.out, System.err).run(new Demo.Options(root, csv, yaml, limit));
  }
}
