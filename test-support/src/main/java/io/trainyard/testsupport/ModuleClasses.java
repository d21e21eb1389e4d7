package io.trainyard.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The classes a module compiled, for its ArchitectureTest: read from its own output folders rather
 * than found on the classpath, which would open every jar of a service's test classpath to look for
 * the package. Tests run in the module's folder, as Maven runs them.
 */
final class ModuleClasses {

  private ModuleClasses() {}

  /** The module's main classes in {@code base} and its sub-packages. */
  static JavaClasses main(String base) {
    return read(base, Path.of("target", "classes"));
  }

  /** The module's main and test classes in {@code base} and its sub-packages. */
  static JavaClasses mainAndTests(String base) {
    return read(base, Path.of("target", "classes"), Path.of("target", "test-classes"));
  }

  private static JavaClasses read(String base, Path... folders) {
    Path[] present = Arrays.stream(folders).filter(Files::isDirectory).toArray(Path[]::new);
    if (present.length == 0) {
      throw new IllegalStateException(
          "no "
              + folders[0].toAbsolutePath()
              + ": run the ArchitectureTest in its module's folder, after the module compiled");
    }
    return new ClassFileImporter().importPaths(present).that(resideInAPackage(base + ".."));
  }
}
