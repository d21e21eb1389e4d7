package io.trainyard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering of a stage, as CONTRIBUTING.md lays it out: the domain (the stage's base package) is
 * plain Java; {@code messaging} translates Kafka records and delegates; {@code service} decides and
 * sees storage and Kafka only through its own interfaces; {@code persistence} holds the store. A
 * stage's ArchitectureTest checks each rule on its main classes.
 */
public final class StageLayers {

  private final String base;
  private final String stage;
  private final JavaClasses classes;

  /** The rules for the stage whose base package is {@code base}, e.g. "io.trainyard.cleaning". */
  public StageLayers(String base) {
    this.base = base;
    this.stage = base.substring(base.lastIndexOf('.') + 1);
    this.classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(base);
  }

  public void domainIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage(base)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            base + ".messaging..",
            base + ".persistence..",
            base + ".service..",
            "io.quarkus..",
            "io.smallrye..",
            "jakarta..",
            "org.apache.kafka..",
            "com.mongodb..")
        .because(stage + " logic is unit-tested without Quarkus, Kafka or MongoDB")
        .check(classes);
  }

  public void messagingDoesNotReachIntoPersistence() {
    noClasses()
        .that()
        .resideInAPackage(base + ".messaging..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(base + ".persistence..")
        .because("listeners translate and delegate; the service decides what is stored")
        .check(classes);
  }

  public void serviceSeesStorageAndKafkaOnlyThroughItsInterfaces() {
    noClasses()
        .that()
        .resideInAPackage(base + ".service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(base + ".messaging..", base + ".persistence..", "com.mongodb..")
        .because("storage and Kafka sit behind the service package's interfaces")
        .check(classes);
  }
}
