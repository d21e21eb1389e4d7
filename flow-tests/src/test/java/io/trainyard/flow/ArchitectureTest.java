package io.trainyard.flow;

import io.trainyard.testsupport.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void importsNoStage() {
    ModuleBoundaries.allCodeOf("io.trainyard.flow")
        .importsNoStage(
            "the flow tests drive the packaged services as processes, through Kafka, HTTP and"
                + " gRPC only, as a user would: a stage's class here would test around that");
  }
}
