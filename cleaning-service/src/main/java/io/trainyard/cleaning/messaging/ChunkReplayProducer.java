package io.trainyard.cleaning.messaging;

import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The replay of raw chunks with the toolkit's {@link RangeReader}, on the stage's {@link
 * KafkaClients} (the toolkit's bean), with fetches sized for a 256 MiB heap: by default the reader
 * fetches up to 16 MiB per partition and prefetches the next fetch while the last is worked on, so
 * its buffers would live across young collections and be promoted into the old generation.
 */
public class ChunkReplayProducer {

  /** Records a poll at most. */
  private static final int MAX_POLL_RECORDS = 256;

  @Produces
  @ApplicationScoped
  ChunkReplay chunks(KafkaClients kafka, CleaningConfig config) {
    RangeReader reader = new RangeReader(kafka, config.replayFetchBytes(), MAX_POLL_RECORDS);
    return reader::readChunks;
  }
}
