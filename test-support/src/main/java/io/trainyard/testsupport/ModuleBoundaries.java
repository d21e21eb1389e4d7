package io.trainyard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * Which of Trainyard's code a module that is not a stage may use (ArchUnit), for its
 * ArchitectureTest. The Maven dependencies allow a little today; the rule says why no more may
 * come, so that a dependency added for convenience fails a test that names the reason.
 */
public final class ModuleBoundaries {

  private final String base;
  private final JavaClasses classes;

  private ModuleBoundaries(String base, JavaClasses classes) {
    this.base = base;
    this.classes = classes;
  }

  /** The main classes of the module whose base package is {@code base}. */
  public static ModuleBoundaries mainCodeOf(String base) {
    return new ModuleBoundaries(base, ModuleClasses.main(base));
  }

  /** The test classes too, for a module whose code is tests (flow-tests). */
  public static ModuleBoundaries allCodeOf(String base) {
    return new ModuleBoundaries(base, ModuleClasses.mainAndTests(base));
  }

  /** No class of the module uses a class of any of the six stages. */
  public void importsNoStage(String because) {
    importsNone(because, StageLayers.STAGES.stream().map(s -> s + "..").toArray(String[]::new));
  }

  /** No class of the module uses a class in any of {@code packages} (ArchUnit package patterns). */
  public void importsNone(String because, String... packages) {
    noClasses()
        .that()
        .resideInAPackage(base + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages)
        .because(because)
        .check(classes);
  }
}
