package io.trainyard.labeling.messaging;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.contracts.Topics;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.labeling.service.StreamPreparations;
import io.trainyard.toolkit.messaging.ChunkStream;
import io.trainyard.toolkit.messaging.ChunkStreamCheck;
import io.trainyard.toolkit.messaging.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Readiness;

/**
 * Follows {@code trainyard.cleaning.chunks.v1} as cleaning publishes it ({@link ChunkStream}: a
 * plain consumer of its own group, each chunk read where it was fetched) and batches each cleaned
 * chunk of a streamed version ({@link StreamPreparations}) on the stream's thread; a record that is
 * not a RowChunk goes to {@code trainyard.labeling.dlq.v1} with the reason. Ready while the
 * stream's consumer is polling (off when {@code trainyard.labeling.stream.enabled} is false).
 */
@ApplicationScoped
@Readiness
public class CleanedChunkConsumer extends ChunkStreamCheck {

  private final StreamPreparations streams;
  private final LabelingConfig.Stream settings;
  private final KafkaClients kafka;

  public CleanedChunkConsumer(
      StreamPreparations streams, LabelingConfig config, KafkaClients kafka) {
    this.streams = streams;
    this.settings = config.stream();
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    follow(
        "labeling-stream",
        kafka,
        Topics.CLEANING_CHUNKS,
        Topics.LABELING_DLQ,
        settings,
        streams::accept);
  }

  @Override
  protected String checkName() {
    return "cleaned-chunks stream";
  }
}
