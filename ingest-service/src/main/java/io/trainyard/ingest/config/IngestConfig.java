package io.trainyard.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of the ingest service ({@code trainyard.ingest.*}). */
@ConfigMapping(prefix = "trainyard.ingest")
public interface IngestConfig {

  /** The most RowChunk records awaiting the broker's acknowledgement at once. */
  @WithDefault("256")
  int maxInFlightChunks();

  /**
   * An estimate of the most chunk bytes awaiting acknowledgement at once; lowers the in-flight
   * count for wide or long chunks so that memory stays bounded whatever the spec's chunkRows.
   */
  @WithDefault("16777216")
  long maxInFlightBytes();

  /** The most distinct values a categorical or label column may have. */
  @WithDefault("1000")
  int maxCategories();

  /** How long to wait for the broker to acknowledge DatasetOpened and DatasetSealed. */
  @WithDefault("60s")
  Duration controlEventTimeout();

  /**
   * Warm up after start, in the background (producer connections and metadata, and the upload's CPU
   * path over a synthetic CSV in memory), so the first upload does not pay for it.
   */
  @WithDefault("true")
  boolean warmUp();

  /**
   * Folder of the temporary spool where the validating pass keeps every cell it read, so the
   * publishing pass does not parse the CSV again (default: the JVM's temporary folder), for what
   * does not fit {@link #spoolMemoryBytes()}. A cell takes 4 bytes when it is a short decimal, 8
   * otherwise, and 4 more in a column with dictionary ids.
   */
  Optional<String> spoolDir();

  /**
   * Memory outside the heap the spools of the uploads in progress share before they write to their
   * files, allocated on first use and then kept for the next uploads (4 MiB blocks); 0: the spools
   * are files only. The default holds 20 numeric columns of a million rows.
   */
  @WithDefault("100663296")
  long spoolMemoryBytes();

  /** The MongoDB database of the service. */
  @WithDefault("trainyard_ingest")
  String database();
}
