package io.trainyard.bench;

import io.trainyard.testsupport.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void importsNoStage() {
    ModuleBoundaries.mainCodeOf("io.trainyard.bench")
        .importsNoStage(
            "a benchmark measures the services as they ship, packaged and started as processes:"
                + " a stage's class called in the harness would measure something else");
  }
}
