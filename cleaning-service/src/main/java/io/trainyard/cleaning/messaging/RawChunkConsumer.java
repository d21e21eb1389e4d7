package io.trainyard.cleaning.messaging;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.cleaning.service.StreamProfiles;
import io.trainyard.contracts.Topics;
import io.trainyard.toolkit.messaging.ChunkStream;
import io.trainyard.toolkit.messaging.ChunkStreamCheck;
import io.trainyard.toolkit.messaging.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Readiness;

/**
 * Follows {@code trainyard.ingest.chunks.v1} as ingest publishes it ({@link ChunkStream}: a plain
 * consumer of its own group, each chunk read where it was fetched) and folds each raw chunk into
 * its version's pass-1 statistics ({@link StreamProfiles}); a record that is not a RowChunk goes to
 * {@code trainyard.cleaning.dlq.v1} with the reason. Nothing is published from here: DatasetSealed
 * decides, and replays what the stream missed. Ready while the stream's consumer is polling (off
 * when {@code trainyard.cleaning.stream.enabled} is false).
 */
@ApplicationScoped
@Readiness
public class RawChunkConsumer extends ChunkStreamCheck {

  private final StreamProfiles streams;
  private final CleaningConfig.Stream settings;
  private final KafkaClients kafka;

  public RawChunkConsumer(StreamProfiles streams, CleaningConfig config, KafkaClients kafka) {
    this.streams = streams;
    this.settings = config.stream();
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    follow(
        "cleaning-stream",
        kafka,
        Topics.INGEST_CHUNKS,
        Topics.CLEANING_DLQ,
        settings,
        streams::accept);
  }

  @Override
  protected String checkName() {
    return "raw-chunks stream";
  }
}
