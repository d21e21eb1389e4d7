package io.trainyard.labeling.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.labeling.service.LabelingOutput;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.KafkaRangeWriter;
import io.trainyard.toolkit.messaging.RangeWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Batches go to {@code trainyard.labeling.batches.v1} (channel {@code batches}, whose producer they
 * are sent through directly by a {@link KafkaRangeWriter}), DatasetPrepared to {@code
 * trainyard.labeling.datasets.v1} (channel {@code prepared}), keyed by the data set id.
 */
@ApplicationScoped
public class KafkaLabelingOutput implements LabelingOutput {

  private static final Duration WARM_UP = Duration.ofSeconds(30);

  private final MutinyEmitter<byte[]> prepared;
  private final KafkaClientService clients;
  private final String source;

  public KafkaLabelingOutput(
      KafkaClientService clients,
      // The channel's emitter makes the channel and its producer exist; the batches go through
      // that producer directly (KafkaRangeWriter), not through the emitter.
      @Channel("batches") MutinyEmitter<byte[]> batches,
      @Channel("prepared") MutinyEmitter<byte[]> prepared,
      @ConfigProperty(name = "mp.messaging.outgoing.batches.cloud-events-source") String source) {
    this.prepared = prepared;
    this.clients = clients;
    this.source = source;
  }

  @Override
  public void warmUp() {
    clients.getProducer("batches").partitionsFor(Topics.LABELING_BATCHES).await().atMost(WARM_UP);
    clients.getProducer("prepared").partitionsFor(Topics.LABELING_DATASETS).await().atMost(WARM_UP);
  }

  @Override
  public RangeWriter batches(int maxInFlight) {
    return new KafkaRangeWriter(
        clients.<String, byte[]>getProducer("batches").unwrap(),
        Topics.LABELING_BATCHES,
        EventTypes.PREPARED_BATCH,
        source,
        maxInFlight);
  }

  @Override
  public void prepared(DatasetPrepared event) {
    prepared.sendMessageAndAwait(
        Envelopes.wrap(event.getDataset().getDatasetId(), event, event.getEventId()));
  }
}
