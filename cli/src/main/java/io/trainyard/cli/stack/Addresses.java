package io.trainyard.cli.stack;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a command sends its requests: the flag when given, else the environment variable, else the
 * stack that {@code trainyard up} runs here (its state file). Without any of them the command stops
 * with a message saying how to give one, rather than trying a port where nothing listens.
 */
public final class Addresses {

  /** What a command talks to, with the flag and environment variable that name it. */
  public enum Target {
    INGEST("ingest", "--ingest-url", "TRAINYARD_INGEST_URL", StackState::ingestUrl),
    KAFKA(
        "Kafka",
        "--bootstrap-servers",
        "TRAINYARD_BOOTSTRAP_SERVERS",
        StackState::bootstrapServers),
    REGISTRY("registry", "--registry", "TRAINYARD_REGISTRY", StackState::registry);

    private final String what;
    private final String flag;
    private final String variable;
    private final Function<StackState, String> fromState;

    Target(String what, String flag, String variable, Function<StackState, String> fromState) {
      this.what = what;
      this.flag = flag;
      this.variable = variable;
      this.fromState = fromState;
    }
  }

  /** No address could be found; the message says how to give one. */
  public static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message);
    }
  }

  private final Map<String, String> environment;
  private final Supplier<StackStatus> stack;

  /**
   * @param environment the environment variables
   * @param stack the status of the stack here; may throw {@link IllegalStateException} with a
   *     reason when there is no place to look (outside a checkout, an unreadable state file)
   */
  public Addresses(Map<String, String> environment, Supplier<StackStatus> stack) {
    this.environment = environment;
    this.stack = stack;
  }

  /** This process's environment and the stack of the checkout it runs in. */
  public static Addresses here() {
    return new Addresses(System.getenv(), () -> StackHome.locate().status());
  }

  /**
   * The address of {@code target}: {@code flag} when given, else its environment variable, else the
   * running stack's.
   *
   * @throws Missing when none of them gives one
   */
  public String of(Target target, String flag) {
    if (flag != null && !flag.isBlank()) {
      return flag.strip();
    }
    String variable = environment.get(target.variable);
    if (variable != null && !variable.isBlank()) {
      return variable.strip();
    }
    StackStatus status;
    try {
      status = stack.get();
    } catch (IllegalStateException e) {
      throw missing(target, e.getMessage());
    }
    if (status.kind() == StackStatus.Kind.UP) {
      return target.fromState.apply(status.state());
    }
    throw missing(target, status.whyNotUp(), status.kind() == StackStatus.Kind.STARTING);
  }

  private static Missing missing(Target target, String why) {
    return missing(target, why, false);
  }

  private static Missing missing(Target target, String why, boolean starting) {
    return new Missing(
        "no "
            + target.what
            + " address: "
            + why
            + ".\n"
            + (starting ? "Wait until it prints 'ready'" : "Start a stack with 'trainyard up'")
            + ", or give "
            + target.flag
            + " or set "
            + target.variable
            + ".");
  }
}
