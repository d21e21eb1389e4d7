package io.trainyard.testsupport;

import io.trainyard.toolkit.messaging.ChunkStreamConfig;
import java.time.Duration;

/**
 * A stage's chunk-stream settings in a test that builds its config by hand: the stream on, a test
 * group, and the fetch settings the stages default to. A test's settings class extends this and
 * implements its stage's {@code Stream} interface for the rest.
 */
public abstract class TestStreamSettings implements ChunkStreamConfig {

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public String groupId() {
    return "test-stream";
  }

  @Override
  public int maxPollRecords() {
    return 16;
  }

  @Override
  public int fetchBytes() {
    return 1 << 20;
  }

  @Override
  public Duration pollTimeout() {
    return Duration.ofMillis(100);
  }
}
