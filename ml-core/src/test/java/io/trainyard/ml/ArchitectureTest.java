package io.trainyard.ml;

import io.trainyard.testsupport.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final ModuleBoundaries ML_CORE = ModuleBoundaries.mainCodeOf("io.trainyard.ml");

  @Test
  void importsNoStage() {
    ML_CORE.importsNoStage(
        "trainer and evaluator share ml-core: a stage's class in it would tie both to that stage");
  }
}
