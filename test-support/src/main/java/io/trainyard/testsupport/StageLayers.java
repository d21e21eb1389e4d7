package io.trainyard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;

/**
 * The layering of a stage, as CONTRIBUTING.md lays it out: the domain (the stage's base package) is
 * plain Java; {@code messaging} and {@code api} translate and delegate; {@code service} decides and
 * sees storage and Kafka only through its own interfaces; {@code persistence} holds the store; and
 * a stage shares code with other stages only through the contract, the toolkit and ml-core. A
 * stage's ArchitectureTest checks each rule that fits its packages on its main classes.
 */
public final class StageLayers {

  /** The base packages of the six stages. */
  public static final List<String> STAGES =
      List.of(
          "io.trainyard.ingest",
          "io.trainyard.cleaning",
          "io.trainyard.labeling",
          "io.trainyard.trainer",
          "io.trainyard.evaluator",
          "io.trainyard.registry");

  private final String base;
  private final String stage;
  private final JavaClasses classes;

  /** The rules for the stage whose base package is {@code base}, e.g. "io.trainyard.cleaning". */
  public StageLayers(String base) {
    if (!STAGES.contains(base)) {
      throw new IllegalArgumentException(base + " is not one of the stages " + STAGES);
    }
    this.base = base;
    this.stage = base.substring(base.lastIndexOf('.') + 1);
    this.classes = ModuleClasses.main(base);
  }

  public void domainIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage(base)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            base + ".messaging..",
            base + ".api..",
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

  public void importsNoOtherStage() {
    noClasses()
        .that()
        .resideInAPackage(base + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            STAGES.stream().filter(s -> !s.equals(base)).map(s -> s + "..").toArray(String[]::new))
        .because(
            "stages share only topics, the contract, the toolkit and ml-core: another stage's"
                + " class in "
                + stage
                + " would ship that stage's code in this one and tie their releases together")
        .check(classes);
  }
}
