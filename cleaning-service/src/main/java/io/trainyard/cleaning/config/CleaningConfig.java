package io.trainyard.cleaning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
   * quantile sketches cost the most CPU of the stage).
   */
  @WithDefault("2")
  int profileThreads();

  /**
   * Warm the stage up after start (spec parser, store connection, JIT of both passes over a
   * synthetic chunk), so the first data set does not pay for it.
   */
  @WithDefault("true")
  boolean warmUp();

  /** Compression of the t-digest (higher: more centroids, smaller error). */
  @WithDefault("200")
  double tdigestCompression();
}
