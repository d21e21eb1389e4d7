package io.trainyard.labeling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trainyard.labeling");
  }

  @Test
  void theDomainIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage("io.trainyard.labeling")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.trainyard.labeling.messaging..",
            "io.trainyard.labeling.persistence..",
            "io.trainyard.labeling.service..",
            "io.quarkus..",
            "io.smallrye..",
            "jakarta..",
            "org.apache.kafka..",
            "com.mongodb..")
        .because("labeling logic is unit-tested without Quarkus, Kafka or MongoDB")
        .check(classes);
  }

  @Test
  void messagingDoesNotReachIntoPersistence() {
    noClasses()
        .that()
        .resideInAPackage("io.trainyard.labeling.messaging..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.trainyard.labeling.persistence..")
        .because("listeners translate and delegate; the service decides what is stored")
        .check(classes);
  }

  @Test
  void theServiceSeesStorageAndKafkaOnlyThroughItsInterfaces() {
    noClasses()
        .that()
        .resideInAPackage("io.trainyard.labeling.service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.trainyard.labeling.messaging..",
            "io.trainyard.labeling.persistence..",
            "com.mongodb..")
        .because("storage and Kafka sit behind PreparedStore, ChunkSource and LabelingOutput")
        .check(classes);
  }
}
