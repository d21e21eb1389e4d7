package io.trainyard.cleaning;

import io.trainyard.testsupport.StageArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends StageArchitectureTest {

  ArchitectureTest() {
    super("io.trainyard.cleaning");
  }

  @Test
  void theServiceSeesStorageAndKafkaOnlyThroughItsInterfaces() {
    layers().serviceSeesStorageAndKafkaOnlyThroughItsInterfaces();
  }
}
