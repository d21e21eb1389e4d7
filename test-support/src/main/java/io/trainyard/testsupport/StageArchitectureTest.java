package io.trainyard.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of a stage's ArchitectureTest: the {@link StageLayers} rules that every stage's packages
 * fit, as JUnit tests that the stage's test inherits. A stage's test names its base package and
 * adds the rules that fit only its own packages, through {@link #layers()}:
 *
 * <pre>{@code
 * class ArchitectureTest extends StageArchitectureTest {
 *   ArchitectureTest() {
 *     super("io.trainyard.cleaning");
 *   }
 * }
 * }</pre>
 */
// One instance for all the tests: the stage's classes are read once.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StageArchitectureTest {

  private final StageLayers layers;

  /** The rules for the stage whose base package is {@code base}, e.g. "io.trainyard.cleaning". */
  protected StageArchitectureTest(String base) {
    this.layers = new StageLayers(base);
  }

  /** The stage's rules, for the tests a stage adds. */
  protected final StageLayers layers() {
    return layers;
  }

  @Test
  public void theDomainIsPlainJava() {
    layers.domainIsPlainJava();
  }

  @Test
  public void messagingDoesNotReachIntoPersistence() {
    layers.messagingDoesNotReachIntoPersistence();
  }

  @Test
  public void importsNoOtherStage() {
    layers.importsNoOtherStage();
  }
}
