package io.trainyard.cleaning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trainyard.toolkit.messaging.ChunkStreamConfig;
import java.time.Duration;

/** Settings of the cleaning stage ({@code trainyard.cleaning.*}). */
@ConfigMapping(prefix = "trainyard.cleaning")
public interface CleaningConfig {

  /** MongoDB database of this stage. */
  @WithDefault("trainyard_cleaning")
  String database();

  /** Cleaned chunks awaiting the broker's acknowledgement at most (also bounded by bytes). */
  @WithDefault("256")
  int maxInFlight();

  /** Bytes of cleaned chunks awaiting acknowledgement at most, so the heap stays bounded. */
  @WithDefault("33554432")
  long maxInFlightBytes();

  /** Training values per column kept for exact quantiles; larger columns use a t-digest. */
  @WithDefault("10000")
  int exactQuantileLimit();

  /**
   * Threads that fold pass 1's chunks into statistics, each owning a stripe of the columns (the
   * quantile sketches are the stage's heaviest work, and a column's sketch is touched by one thread
   * only).
   */
  @WithDefault("2")
  int profileThreads();

  /**
   * Bytes a partition fetch of pass 2's replay brings at most. The consumer prefetches the next
   * fetch while the last is worked on, so this is also about how much replayed data is in the heap;
   * and a fetch that fits the CPU's cache is copied out and parsed while it is still there.
   */
  @WithDefault("1048576")
  int replayFetchBytes();

  /** Compression of the t-digest (higher: more centroids, smaller error). */
  @WithDefault("200")
  double tdigestCompression();

  /** Pass 1 fed by the raw chunks as they are published ({@code trainyard.cleaning.stream.*}). */
  Stream stream();

  /** Settings of the streamed pass 1. */
  interface Stream extends ChunkStreamConfig {

    /**
     * Fold raw chunks into training statistics as ingest publishes them, so that DatasetSealed
     * fixes the plan at once and only pass 2 replays the log; off: both passes replay.
     */
    @WithDefault("true")
    boolean enabled();

    /** Data set versions profiled from the stream at once at most (others replay pass 1). */
    @WithDefault("8")
    int maxOpen();

    /** Estimated heap of the open stream profiles at most (a version that does not fit replays). */
    @WithDefault("50331648")
    long maxBytes();

    /**
     * Bytes of raw chunks the stream keeps in memory for pass 2 at most, all versions together: a
     * version whose chunks fit is cleaned from memory, one that does not replays pass 2 from Kafka.
     * 0: pass 2 always replays.
     */
    @WithDefault("134217728")
    long cacheBytes();

    /** How long DatasetSealed waits for a stream profile of its version to appear. */
    @WithDefault("2s")
    Duration grace();

    /** How long DatasetSealed waits for a stream profile that makes no progress. */
    @WithDefault("10s")
    Duration stall();

    /** A stream profile without a chunk for this long is dropped (its version was not sealed). */
    @WithDefault("10m")
    Duration idle();

    /**
     * The stream's consumer group: its own, so that a fresh group starts at the end of the log
     * (whatever it missed is replayed on DatasetSealed).
     */
    @WithDefault("trainyard-cleaning-stream")
    String groupId();
  }
}
