package io.trainyard.cli;

import io.trainyard.cli.models.ModelPrinter;
import io.trainyard.cli.models.ModelRef;
import io.trainyard.cli.models.RegistryClient;
import io.trainyard.cli.stack.Addresses;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trainyard models list|get}: queries the registry over gRPC. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Query the model registry (gRPC).",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.GetModel.class})
public class ModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return ExitCodes.USAGE;
  }

  /** The registry's address, and the asking of it, shared by the subcommands. */
  static class RegistryOption {
    @Option(
        names = "--registry",
        paramLabel = "HOST:PORT",
        description =
            "registry service, gRPC on its HTTP port (default: env TRAINYARD_REGISTRY, else the"
                + " stack of 'trainyard up')")
    String registry;

    /**
     * Asks the registry (at the flag's address, the environment's, or the running stack's) and
     * prints the answer that {@code query} makes of it; the exit status, with the reason on stderr
     * when there is no registry to ask or it refuses.
     */
    int print(Function<RegistryClient, String> query) {
      String address;
      try {
        address = Addresses.here().of(Addresses.Target.REGISTRY, registry);
      } catch (Addresses.Missing e) {
        System.err.println(e.getMessage());
        return ExitCodes.UNAVAILABLE;
      }
      try (RegistryClient client = new RegistryClient(address)) {
        System.out.println(query.apply(client));
        return ExitCodes.OK;
      } catch (RegistryClient.RegistryError e) {
        System.err.println(e.getMessage());
        return e.exitCode();
      }
    }
  }

  /** {@code models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models.")
  public static class ListModels implements Callable<Integer> {

    @picocli.CommandLine.Mixin RegistryOption target;

    @Override
    public Integer call() {
      return target.print(client -> ModelPrinter.models(client.listModels()));
    }
  }

  /** {@code models get NAME[@alias] [--version N]}. */
  @Command(
      name = "get",
      description = "Show a model version: metrics, confusion matrix, lineage, artifact.")
  public static class GetModel implements Callable<Integer> {

    // No standard -V/--version here: --version is the model version.
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@alias]",
        description =
            "model name; @alias picks an alias (latest, blessed), else the latest version")
    String name;

    @Option(names = "--version", paramLabel = "N", description = "a version number")
    Long version;

    @picocli.CommandLine.Mixin RegistryOption target;

    @Override
    public Integer call() {
      ModelRef ref;
      try {
        ref = ModelRef.parse(name, version);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return ExitCodes.USAGE;
      }
      return target.print(client -> ModelPrinter.version(client.getVersion(ref.resourceName())));
    }
  }
}
