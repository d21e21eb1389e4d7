package io.trainyard.labeling.messaging;

import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.RangeReader;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replays cleaned (and, for rules, raw) chunks from Kafka: the offset ranges of a DatasetProfiled,
 * read by the contracts' {@link RangeReader} into {@code ChunkView}s.
 */
@Singleton
public class ReplayChunks {

  /**
   * Fetches sized for a 256 MiB heap: the reader's default of 16 MiB per partition (with the next
   * fetch prefetched while the last is worked on) kept tens of MiB of fetch buffers alive across
   * young collections, promoted them and cost full collections while a data set was replayed.
   */
  @Produces
  @Singleton
  ChunkReplay chunks(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, LabelingConfig config) {
    RangeReader reader = new RangeReader(bootstrap, config.replayFetchBytes(), 256);
    return reader::readChunks;
  }
}
