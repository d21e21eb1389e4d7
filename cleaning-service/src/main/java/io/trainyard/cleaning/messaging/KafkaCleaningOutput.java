package io.trainyard.cleaning.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.trainyard.cleaning.service.CleaningOutput;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.KafkaRangeWriter;
import io.trainyard.toolkit.messaging.RangeWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Cleaned chunks go to {@code trainyard.cleaning.chunks.v1} (channel {@code chunks}, whose producer
 * they are sent through directly by a {@link KafkaRangeWriter}), profiles to {@code
 * trainyard.cleaning.profiles.v1} (channel {@code profiles}), keyed by the data set id.
 */
@ApplicationScoped
public class KafkaCleaningOutput implements CleaningOutput {

  private static final Duration WARM_UP = Duration.ofSeconds(30);

  private final MutinyEmitter<byte[]> profiles;
  private final KafkaClientService clients;
  private final String source;

  public KafkaCleaningOutput(
      KafkaClientService clients,
      // The channel's emitter makes the channel and its producer exist; the chunks go through that
      // producer directly (KafkaRangeWriter), not through the emitter.
      @Channel("chunks") MutinyEmitter<byte[]> chunks,
      @Channel("profiles") MutinyEmitter<byte[]> profiles,
      @ConfigProperty(name = "mp.messaging.outgoing.chunks.cloud-events-source") String source) {
    this.profiles = profiles;
    this.clients = clients;
    this.source = source;
  }

  @Override
  public void warmUp() {
    clients.getProducer("chunks").partitionsFor(Topics.CLEANING_CHUNKS).await().atMost(WARM_UP);
    clients.getProducer("profiles").partitionsFor(Topics.CLEANING_PROFILES).await().atMost(WARM_UP);
  }

  @Override
  public RangeWriter chunks(int maxInFlight) {
    return new KafkaRangeWriter(
        clients.<String, byte[]>getProducer("chunks").unwrap(),
        Topics.CLEANING_CHUNKS,
        EventTypes.ROW_CHUNK,
        source,
        maxInFlight);
  }

  @Override
  public void profiled(DatasetProfiled profiled) {
    profiles.sendMessageAndAwait(
        Envelopes.wrap(profiled.getDataset().getDatasetId(), profiled, profiled.getEventId()));
  }
}
