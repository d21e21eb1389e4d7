package io.trainyard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (such as {@code data/}) from a module's tests, wherever they run. */
public final class RepositoryFiles {

  private RepositoryFiles() {}

  /**
   * {@code relative} (to the repository root), found from the working directory upwards: a module's
   * tests run in the module's folder, one below the root.
   *
   * @throws IllegalStateException when no folder above holds it
   */
  public static Path path(String relative) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no " + relative + " in " + start + " or any folder above it");
  }
}
