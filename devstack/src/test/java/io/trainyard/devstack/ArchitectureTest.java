package io.trainyard.devstack;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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

  private static final JavaClasses DEVSTACK =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void usesNoneOfTrainyardsOtherCode() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.trainyard..")
                .and(not(resideInAPackage("io.trainyard.devstack.."))))
        .because(
            "devstack starts the broker, the store and the packaged services as processes and"
                + " links none of their code, so that any module (the CLI, every test) can use it")
        .check(DEVSTACK);
  }
}
