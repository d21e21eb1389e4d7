package io.trainyard.cleaning.messaging;

import io.smallrye.common.annotation.Identifier;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stage's Kafka clients beside its channels ({@link KafkaClients}: the channels' global {@code
 * kafka.*} settings, as Quarkus hands them to SmallRye) and the replay of raw chunks with the
 * toolkit's {@link RangeReader}, with fetches sized for a 256 MiB heap: by default the reader
 * fetches up to 16 MiB per partition and prefetches the next fetch while the last is worked on, so
 * its buffers would live across young collections and be promoted into the old generation.
 */
public class ChunkReplayProducer {

  /** Records a poll at most. */
  private static final int MAX_POLL_RECORDS = 256;

  @Produces
  @Singleton
  KafkaClients kafkaClients(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    return KafkaClients.forChannels(kafka, application);
  }

  @Produces
  @ApplicationScoped
  ChunkReplay chunks(KafkaClients kafka, CleaningConfig config) {
    RangeReader reader = new RangeReader(kafka, config.replayFetchBytes(), MAX_POLL_RECORDS);
    return reader::readChunks;
  }
}
