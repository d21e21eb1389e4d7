package io.trainyard.labeling.messaging;

import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The replay of cleaned (and, for rules, raw) chunks from Kafka: the offset ranges of a
 * DatasetProfiled, read by the toolkit's {@link RangeReader} into {@code ChunkView}s, on the
 * stage's {@link KafkaClients} (the toolkit's bean).
 */
@Singleton
public class ReplayChunks {

  /**
   * Fetches sized for a 256 MiB heap: with the reader's default of 16 MiB per partition (and the
   * next fetch prefetched while the last is worked on) the fetch buffers would live across young
   * collections and be promoted into the old generation while a data set is replayed.
   */
  @Produces
  @Singleton
  ChunkReplay chunks(KafkaClients kafka, LabelingConfig config) {
    RangeReader reader = new RangeReader(kafka, config.replayFetchBytes(), 256);
    return reader::readChunks;
  }
}
