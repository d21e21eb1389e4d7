package io.trainyard.labeling.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.messaging.EncodedRun;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.contracts.messaging.TrackedPublisher;
import io.trainyard.labeling.service.LabelingOutput;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Batches go to {@code trainyard.labeling.batches.v1} (channel {@code batches}), DatasetPrepared to
 * {@code trainyard.labeling.datasets.v1} (channel {@code prepared}), keyed by the data set id.
 */
@ApplicationScoped
public class KafkaLabelingOutput implements LabelingOutput {

  private static final Duration WARM_UP = Duration.ofSeconds(30);

  private final MutinyEmitter<byte[]> batches;
  private final MutinyEmitter<byte[]> prepared;
  private final KafkaClientService clients;

  public KafkaLabelingOutput(
      KafkaClientService clients,
      // The TrackedPublisher bounds what is in flight; the buffer only has to hold that many.
      @Channel("batches") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
          MutinyEmitter<byte[]> batches,
      @Channel("prepared") MutinyEmitter<byte[]> prepared) {
    this.batches = batches;
    this.prepared = prepared;
    this.clients = clients;
  }

  @Override
  public void warmUp() {
    clients.getProducer("batches").partitionsFor(Topics.LABELING_BATCHES).await().atMost(WARM_UP);
    clients.getProducer("prepared").partitionsFor(Topics.LABELING_DATASETS).await().atMost(WARM_UP);
  }

  @Override
  public EncodedRun batches(int maxInFlight) {
    return TrackedPublisher.run(batches, EventTypes.PREPARED_BATCH, Math.min(maxInFlight, 1024));
  }

  @Override
  public void prepared(DatasetPrepared event) {
    prepared.sendMessageAndAwait(
        Envelopes.wrap(event.getDataset().getDatasetId(), event, event.getEventId()));
  }
}
