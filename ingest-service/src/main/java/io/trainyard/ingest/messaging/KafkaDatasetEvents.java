package io.trainyard.ingest.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.ingest.DatasetEvents;
import io.trainyard.ingest.config.IngestConfig;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.KafkaRangeWriter;
import io.trainyard.toolkit.messaging.RangeWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes a data set on Kafka: DatasetOpened and DatasetSealed on the {@code datasets} channel
 * ({@code trainyard.ingest.datasets.v1}), RowChunks through the {@code chunks} channel's producer
 * ({@code trainyard.ingest.chunks.v1}) by a {@link KafkaRangeWriter} (bounded in flight, tracking
 * where they land; the chunks are already in wire format), all keyed by the data set id.
 */
@ApplicationScoped
public class KafkaDatasetEvents implements DatasetEvents {

  private final MutinyEmitter<byte[]> datasets;
  private final IngestConfig config;
  private final KafkaClientService clients;
  private final String source;

  public KafkaDatasetEvents(
      KafkaClientService clients,
      @Channel("datasets") MutinyEmitter<byte[]> datasets,
      // The channel's emitter makes the channel and its producer exist; the chunks go through that
      // producer directly (KafkaRangeWriter), not through the emitter.
      @Channel("chunks") MutinyEmitter<byte[]> chunks,
      IngestConfig config,
      @ConfigProperty(name = "mp.messaging.outgoing.chunks.cloud-events-source") String source) {
    this.datasets = datasets;
    this.config = config;
    this.clients = clients;
    this.source = source;
  }

  @Override
  public void warmUp() {
    clients
        .getProducer("datasets")
        .partitionsFor(Topics.INGEST_DATASETS)
        .await()
        .atMost(config.controlEventTimeout());
    clients
        .getProducer("chunks")
        .partitionsFor(Topics.INGEST_CHUNKS)
        .await()
        .atMost(config.controlEventTimeout());
  }

  @Override
  public Pending opened(String key, DatasetOpened event) {
    CompletableFuture<Void> sent =
        datasets
            .sendMessage(Envelopes.wrap(key, event, event.getEventId()))
            .subscribeAsCompletionStage();
    return () -> {
      try {
        sent.get(config.controlEventTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "DatasetOpened was not sent: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("DatasetOpened was not acknowledged in time", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending DatasetOpened", e);
      }
    };
  }

  @Override
  public RangeWriter chunks(int maxInFlight) {
    return new KafkaRangeWriter(
        clients.<String, byte[]>getProducer("chunks").unwrap(),
        Topics.INGEST_CHUNKS,
        EventTypes.ROW_CHUNK,
        source,
        maxInFlight);
  }

  @Override
  public void sealed(String key, DatasetSealed event) {
    datasets
        .sendMessage(Envelopes.wrap(key, event, event.getEventId()))
        .await()
        .atMost(config.controlEventTimeout());
  }
}
