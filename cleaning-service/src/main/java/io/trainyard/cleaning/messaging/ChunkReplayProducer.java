package io.trainyard.cleaning.messaging;

import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.RangeReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replays raw chunks from Kafka with the contracts' {@link RangeReader}, with fetches sized for a
 * 256 MiB heap: by default the reader fetches up to 16 MiB per partition (and prefetches the next
 * while the last is worked on), which kept tens of MiB of fetch buffers alive across young
 * collections, promoted them and cost a full collection a second during pass 2.
 */
public class ChunkReplayProducer {

  /** Records a poll at most. */
  private static final int MAX_POLL_RECORDS = 256;

  @Produces
  @ApplicationScoped
  ChunkReplay chunks(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, CleaningConfig config) {
    RangeReader reader = new RangeReader(bootstrap, config.replayFetchBytes(), MAX_POLL_RECORDS);
    return reader::readChunks;
  }
}
