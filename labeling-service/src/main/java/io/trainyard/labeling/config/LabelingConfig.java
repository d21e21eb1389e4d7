package io.trainyard.labeling.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

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
   * Warm the stage up after start (spec parser, store connection, JIT of labeling, encoding and
   * batching over synthetic chunks), so the first data set does not pay for it.
   */
  @WithDefault("true")
  boolean warmUp();

  /**
   * Folder for the temporary files that hold validation and test batches until the training batches
   * are out (default: the JVM's temporary folder).
   */
  Optional<String> spoolDir();
}
