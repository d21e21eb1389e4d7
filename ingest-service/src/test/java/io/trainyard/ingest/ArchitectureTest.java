package io.trainyard.ingest;

import io.trainyard.testsupport.StageLayers;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final StageLayers LAYERS = new StageLayers("io.trainyard.ingest");

  @Test
  void theDomainIsPlainJava() {
    LAYERS.domainIsPlainJava();
  }

  @Test
  void messagingDoesNotReachIntoPersistence() {
    LAYERS.messagingDoesNotReachIntoPersistence();
  }

  @Test
  void importsNoOtherStage() {
    LAYERS.importsNoOtherStage();
  }
}
