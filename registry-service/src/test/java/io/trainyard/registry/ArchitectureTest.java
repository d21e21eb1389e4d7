package io.trainyard.registry;

import io.trainyard.testsupport.StageArchitectureTest;

class ArchitectureTest extends StageArchitectureTest {

  ArchitectureTest() {
    super("io.trainyard.registry");
  }
}
