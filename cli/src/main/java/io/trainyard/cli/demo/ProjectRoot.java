package io.trainyard.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Trainyard checkout: the nearest folder at or above a start that holds devstack/ and
 * data/.
 */
public final class ProjectRoot {

  /** A system property naming the checkout (the {@code trainyard} script sets it). */
  public static final String PROPERTY = "trainyard.root";

  private ProjectRoot() {}

  /**
   * The checkout named by {@code -Dtrainyard.root}, else the one around the working directory.
   *
   * @throws IllegalStateException when there is neither
   */
  public static Path locate() {
    String root = System.getProperty(PROPERTY);
    if (root != null && !root.isBlank()) {
      return Path.of(root).toAbsolutePath().normalize();
    }
    return find(Path.of(""));
  }

  /**
   * @throws IllegalStateException when no folder up to the file system root qualifies
   */
  public static Path find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("devstack")) && Files.isDirectory(dir.resolve("data"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find the Trainyard project (a folder holding devstack/ and data/) at or above "
            + start.toAbsolutePath().normalize()
            + "; run trainyard from inside the checkout");
  }
}
