package io.trainyard.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ArchUnit directly: test-support depends on this module, so its shared rules cannot be used. The
 * module's own classes are read from target/classes (tests run in the module's folder).
 */
class ArchitectureTest {

  private static final JavaClasses CONTRACT =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void theContractUsesOnlyProtobufAndJackson() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.trainyard.contracts..",
            "java..",
            "com.google.protobuf..",
            "com.fasterxml.jackson..")
        .because(
            "outside clients and the CLI take the contract alone: no CDI, Quarkus, SmallRye, Kafka,"
                + " MongoDB, gRPC, toolkit or stage class may come with it (the spec's parser is"
                + " Jackson)")
        .check(CONTRACT);
  }
}
