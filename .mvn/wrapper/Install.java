import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What ./mvnw runs once, with nothing but the JDK (java's single-file source launcher): downloads a
 * Maven distribution zip, refuses it unless its SHA-512 is the pinned one, unpacks it and moves it
 * into place in one step, so an interrupted install leaves nothing that looks installed.
 *
 * <p>Arguments: the zip's URL, its SHA-512 (hex), the folder the distribution goes to.
 */
public class Install {

  public static void main(String[] args) {
    try {
      install(URI.create(args[0]), args[1], Path.of(args[2]));
    } catch (Exception e) {
      System.err.println("mvnw: Maven not installed: " + e);
      System.exit(1);
    }
  }

  private static void install(URI url, String sha512, Path target) throws Exception {
    Files.createDirectories(target.getParent());
    Path zip = Files.createTempFile(target.getParent(), "download-", ".zip");
    Path staging = Files.createTempDirectory(target.getParent(), "unpack-");
    try {
      System.err.println("mvnw: downloading " + url);
      try (InputStream in = url.toURL().openStream()) {
        Files.copy(in, zip, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(zip)));
      if (!actual.equalsIgnoreCase(sha512)) {
        throw new IllegalStateException(
            url + " has SHA-512 " + actual + ", not the pinned " + sha512);
      }
      Path home = unpack(zip, staging);
      try {
        Files.move(home, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // Another ./mvnw installed the same checked distribution meanwhile.
      }
      System.err.println("mvnw: installed Maven in " + target);
    } finally {
      delete(staging);
      Files.deleteIfExists(zip);
    }
  }

  /** Unpacks the zip into {@code into} and returns its one top-level folder (Maven's home). */
  private static Path unpack(Path zip, Path into) throws IOException {
    Path home = null;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into) || path.equals(into)) {
          throw new IOException("zip entry outside the distribution: " + entry.getName());
        }
        if (home == null) {
          home = into.resolve(into.relativize(path).getName(0));
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        Files.copy(in, path);
        // A zip keeps no Unix modes: the launch scripts must be executable.
        if (path.getParent().getFileName().toString().equals("bin")
            && !path.getFileName().toString().endsWith(".cmd")) {
          path.toFile().setExecutable(true, false);
        }
      }
    }
    if (home == null || !Files.isRegularFile(home.resolve("bin/mvn"))) {
      throw new IOException("not a Maven distribution: no bin/mvn in " + zip);
    }
    return home;
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
