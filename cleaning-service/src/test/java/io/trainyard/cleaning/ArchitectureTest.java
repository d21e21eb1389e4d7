package io.trainyard.cleaning;

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
            .importPackages("io.trainyard.cleaning");
  }

  @Test
  void theDomainIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage("io.trainyard.cleaning")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.trainyard.cleaning.messaging..",
            "io.trainyard.cleaning.persistence..",
            "io.trainyard.cleaning.service..",
            "io.quarkus..",
            "io.smallrye..",
            "jakarta..",
            "org.apache.kafka..",
            "com.mongodb..")
        .because("cleaning logic is unit-tested without Quarkus, Kafka or MongoDB")
        .check(classes);
  }

  @Test
  void messagingDoesNotReachIntoPersistence() {
    noClasses()
        .that()
        .resideInAPackage("io.trainyard.cleaning.messaging..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.trainyard.cleaning.persistence..")
        .because("listeners translate and delegate; the service decides what is stored")
        .check(classes);
  }

  @Test
  void theServiceSeesStorageAndKafkaOnlyThroughItsInterfaces() {
    noClasses()
        .that()
        .resideInAPackage("io.trainyard.cleaning.service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.trainyard.cleaning.messaging..",
            "io.trainyard.cleaning.persistence..",
            "com.mongodb..")
        .because("storage and Kafka sit behind ProfileStore, ChunkSource and CleaningOutput")
        .check(classes);
  }
}
