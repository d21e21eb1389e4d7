package io.trainyard.toolkit.messaging;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a stage's {@link ChunkStream} fetches: a config group that the stages' stream settings extend
 * ({@code trainyard.<stage>.stream.*}).
 */
public interface ChunkStreamConfig {

  /** Whether the stage follows its chunk topic at all (off: it replays what it needs). */
  boolean enabled();

  /** The stream's consumer group (each stage declares its own default). */
  String groupId();

  /** Chunks handed out per poll at most. */
  @WithDefault("16")
  int maxPollRecords();

  /**
   * Bytes per fetch at most: a chunk is hundreds of KiB, and a fetch of 1 MiB is still in the CPU's
   * cache when its chunks are parsed.
   */
  @WithDefault("1048576")
  int fetchBytes();

  /**
   * How long a poll waits for chunks (control events are on the critical path of a data set, and an
   * idle consumer picks up its first record only after a poll returns).
   */
  @WithDefault("100ms")
  Duration pollTimeout();
}
