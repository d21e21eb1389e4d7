package io.trainyard.trainer;

import io.trainyard.testsupport.StageArchitectureTest;

class ArchitectureTest extends StageArchitectureTest {

  ArchitectureTest() {
    super("io.trainyard.trainer");
  }
}
