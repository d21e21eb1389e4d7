package io.trainyard.cli.stack;

import io.trainyard.cli.demo.ProjectRoot;
import java.nio.file.Path;

/**
 * Where {@code trainyard up} keeps its stack: {@code .trainyard/} in the checkout, or the folder
 * named by {@code -Dtrainyard.home}. The data (broker log, store, service logs) is kept between
 * runs under {@code stack/}; {@code stack.json} exists while a stack runs.
 *
 * @param dir the folder ({@code <checkout>/.trainyard} by default)
 */
public record StackHome(Path dir) {

  /** A system property naming another folder than the checkout's {@code .trainyard}. */
  public static final String PROPERTY = "trainyard.home";

  /**
   * The home named by {@code -Dtrainyard.home}, else the checkout's {@code .trainyard}.
   *
   * @throws IllegalStateException when there is neither
   */
  public static StackHome locate() {
    String home = System.getProperty(PROPERTY);
    if (home != null && !home.isBlank()) {
      return new StackHome(Path.of(home).toAbsolutePath().normalize());
    }
    return new StackHome(ProjectRoot.locate().resolve(".trainyard"));
  }

  /** The state file of the running stack. */
  public Path stateFile() {
    return dir.resolve("stack.json");
  }

  /** The broker's log and the store, kept from one start to the next. */
  public Path data() {
    return dir.resolve("stack");
  }

  /** The services' logs. */
  public Path logs() {
    return data().resolve("logs");
  }

  /** Held by the running {@code up}: one stack per data folder. */
  public Path lockFile() {
    return data().resolve("up.lock");
  }

  /** What the state file says, checked against the processes running now. */
  public StackStatus status() {
    return StackStatus.of(stateFile(), StackState.read(stateFile()).orElse(null));
  }
}
