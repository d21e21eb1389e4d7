package io.trainyard.testsupport;

import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void importsNoStage() {
    ModuleBoundaries.mainCodeOf("io.trainyard.testsupport")
        .importsNoStage(
            "every stage's tests use test-support: a stage's class here would put that stage on"
                + " the others' test classpaths");
  }
}
