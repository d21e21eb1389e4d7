package io.trainyard.labeling.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trainyard.toolkit.messaging.ChunkStreamConfig;
import java.time.Duration;

/** Settings of the labeling stage ({@code trainyard.labeling.*}). */
@ConfigMapping(prefix = "trainyard.labeling")
public interface LabelingConfig {

  /** MongoDB database of this stage. */
  @WithDefault("trainyard_labeling")
  String database();

  /** Batches awaiting the broker's acknowledgement at most, per split (also bounded by bytes). */
  @WithDefault("256")
  int maxInFlight();

  /** Bytes of batches awaiting acknowledgement at most, per split, so the heap stays bounded. */
  @WithDefault("33554432")
  long maxInFlightBytes();

  /**
   * Validation (and, apart, test) batches held back in memory at most, in bytes, before they are
   * published through a range writer of their own; so each split's batches sit in offset ranges of
   * their own in the log while the training batches go out as they fill.
   */
  @WithDefault("8388608")
  long holdBytes();

  /**
   * Bytes a partition fetch of a replay brings at most. The consumer prefetches the next fetch
   * while the last is worked on, so this is also about how much replayed data is in the heap; and a
   * fetch that fits the CPU's cache is copied out and parsed while it is still there.
   */
  @WithDefault("1048576")
  int replayFetchBytes();

  /** Batching as the cleaned chunks are published ({@code trainyard.labeling.stream.*}). */
  Stream stream();

  /** Settings of streamed batching. */
  interface Stream extends ChunkStreamConfig {

    /**
     * Label, encode and batch cleaned chunks as cleaning publishes them (versions labeled from the
     * label column), so DatasetProfiled only flushes; off: DatasetProfiled replays them.
     */
    @WithDefault("true")
    boolean enabled();

    /** Versions streamed at once at most (others replay). */
    @WithDefault("4")
    int maxOpen();

    /** How long DatasetProfiled waits for a stream that makes no progress before replaying. */
    @WithDefault("10s")
    Duration stall();

    /** A stream without a chunk for this long is dropped (its version was never profiled). */
    @WithDefault("10m")
    Duration idle();

    /**
     * The stream's consumer group: its own, so that a fresh group starts at the end of the log
     * (whatever it missed is replayed on DatasetProfiled).
     */
    @WithDefault("trainyard-labeling-stream")
    String groupId();
  }
}
