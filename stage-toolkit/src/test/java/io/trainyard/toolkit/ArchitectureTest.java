package io.trainyard.toolkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ArchUnit directly: test-support depends on this module, so its shared rules cannot be used. The
 * module's own classes are read from target/classes (tests run in the module's folder).
 */
class ArchitectureTest {

  private static final JavaClasses TOOLKIT =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void theToolkitHasNoQuarkus() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.quarkus..")
        .because(
            "the toolkit is a plain library on the plain clients and APIs: the services bring the"
                + " Quarkus extensions, and the CLI's tests and the benchmark run it without them")
        .check(TOOLKIT);
  }

  @Test
  void ofTrainyardTheToolkitUsesOnlyTheContract() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.trainyard..")
                .and(not(resideInAnyPackage("io.trainyard.toolkit..", "io.trainyard.contracts.."))))
        .because(
            "every stage builds on the toolkit: a stage's class (or ml-core's, or devstack's) in"
                + " it would tie all the stages to that one")
        .check(TOOLKIT);
  }
}
