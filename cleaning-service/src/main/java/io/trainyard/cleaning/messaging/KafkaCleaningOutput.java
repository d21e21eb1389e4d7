package io.trainyard.cleaning.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.trainyard.cleaning.service.CleaningOutput;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.messaging.EncodedRun;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.contracts.messaging.TrackedPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Cleaned chunks go to {@code trainyard.cleaning.chunks.v1} (channel {@code chunks}), profiles to
 * {@code trainyard.cleaning.profiles.v1} (channel {@code profiles}), keyed by the data set id.
 */
@ApplicationScoped
public class KafkaCleaningOutput implements CleaningOutput {

  private static final Duration WARM_UP = Duration.ofSeconds(30);

  private final MutinyEmitter<byte[]> chunks;
  private final MutinyEmitter<byte[]> profiles;
  private final KafkaClientService clients;

  public KafkaCleaningOutput(
      KafkaClientService clients,
      // The TrackedPublisher bounds what is in flight; the buffer only has to hold that many.
      @Channel("chunks") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
          MutinyEmitter<byte[]> chunks,
      @Channel("profiles") MutinyEmitter<byte[]> profiles) {
    this.chunks = chunks;
    this.profiles = profiles;
    this.clients = clients;
  }

  @Override
  public void warmUp() {
    clients.getProducer("chunks").partitionsFor(Topics.CLEANING_CHUNKS).await().atMost(WARM_UP);
    clients.getProducer("profiles").partitionsFor(Topics.CLEANING_PROFILES).await().atMost(WARM_UP);
  }

  @Override
  public EncodedRun chunks(int maxInFlight) {
    return TrackedPublisher.run(chunks, EventTypes.ROW_CHUNK, Math.min(maxInFlight, 1024));
  }

  @Override
  public void profiled(DatasetProfiled profiled) {
    profiles.sendMessageAndAwait(
        Envelopes.wrap(profiled.getDataset().getDatasetId(), profiled, profiled.getEventId()));
  }
}
