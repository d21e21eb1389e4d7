package io.trainyard.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder housekeeping for the stacks and the harnesses that make temporary data folders. */
public final class Folders {

  private Folders() {}

  /**
   * Deletes {@code dir} and everything under it, as far as it can: a broker's log folder is
   * gigabytes after a benchmark, and neither a test nor a benchmark may leave it behind. Files that
   * cannot be deleted (already gone, or held open elsewhere) are skipped.
   */
  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // skipped
                }
              });
    } catch (IOException | RuntimeException e) {
      // the walk failed part way; what is left stays
    }
  }
}
