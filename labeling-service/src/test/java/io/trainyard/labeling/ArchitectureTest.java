package io.trainyard.labeling;

import io.trainyard.testsupport.StageLayers;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final StageLayers LAYERS = new StageLayers("io.trainyard.labeling");

  @Test
  void theDomainIsPlainJava() {
    LAYERS.domainIsPlainJava();
  }

  @Test
  void messagingDoesNotReachIntoPersistence() {
    LAYERS.messagingDoesNotReachIntoPersistence();
  }

  @Test
  void theServiceSeesStorageAndKafkaOnlyThroughItsInterfaces() {
    LAYERS.serviceSeesStorageAndKafkaOnlyThroughItsInterfaces();
  }

  @Test
  void importsNoOtherStage() {
    LAYERS.importsNoOtherStage();
  }
}
