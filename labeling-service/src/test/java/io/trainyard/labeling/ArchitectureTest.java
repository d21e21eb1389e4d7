package io.trainyard.labeling;

import io.trainyard.testsupport.StageArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends StageArchitectureTest {

  ArchitectureTest() {
    super("io.trainyard.labeling");
  }

  @Test
  void theServiceSeesStorageAndKafkaOnlyThroughItsInterfaces() {
    layers().serviceSeesStorageAndKafkaOnlyThroughItsInterfaces();
  }
}
