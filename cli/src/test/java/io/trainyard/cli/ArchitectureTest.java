package io.trainyard.cli;

import io.trainyard.testsupport.ModuleBoundaries;
import io.trainyard.testsupport.StageLayers;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final ModuleBoundaries CLI = ModuleBoundaries.mainCodeOf("io.trainyard.cli");

  @Test
  void usesTheContractButNotTheToolkitOrAService() {
    CLI.importsNone(
        "the CLI is a client of the platform like any other: it speaks the contract and the"
            + " registry's gRPC API, and carries no stage runtime or service code",
        Stream.concat(
                Stream.of("io.trainyard.toolkit..", "io.trainyard.ml.."),
                StageLayers.STAGES.stream().map(s -> s + ".."))
            .toArray(String[]::new));
  }
}
