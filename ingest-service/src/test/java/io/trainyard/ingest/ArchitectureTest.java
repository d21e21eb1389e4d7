package io.trainyard.ingest;

import io.trainyard.testsupport.StageArchitectureTest;

class ArchitectureTest extends StageArchitectureTest {

  ArchitectureTest() {
    super("io.trainyard.ingest");
  }
}
