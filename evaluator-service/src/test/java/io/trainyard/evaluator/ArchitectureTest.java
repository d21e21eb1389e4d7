package io.trainyard.evaluator;

import io.trainyard.testsupport.StageArchitectureTest;

class ArchitectureTest extends StageArchitectureTest {

  ArchitectureTest() {
    super("io.trainyard.evaluator");
  }
}
