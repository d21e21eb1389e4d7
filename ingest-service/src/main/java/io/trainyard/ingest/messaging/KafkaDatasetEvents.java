package io.trainyard.ingest.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.messaging.EncodedRun;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.contracts.messaging.TrackedPublisher;
import io.trainyard.ingest.DatasetEvents;
import io.trainyard.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes a data set on Kafka: DatasetOpened and DatasetSealed on the {@code datasets} channel
 * ({@code trainyard.ingest.datasets.v1}), RowChunks on the {@code chunks} channel ({@code
 * trainyard.ingest.chunks.v1}) through a {@link TrackedPublisher} (bounded in flight, tracking
 * where they land; the chunks are already in wire format), all keyed by the data set id.
 */
@ApplicationScoped
public class KafkaDatasetEvents implements DatasetEvents {

  /**
   * The emitter buffer must hold every chunk the publisher lets in flight; the publisher's bound
   * (trainyard.ingest.max-in-flight-chunks) is what limits memory.
   */
  static final int EMITTER_BUFFER = 4096;

  private final MutinyEmitter<byte[]> datasets;
  private final MutinyEmitter<byte[]> chunks;
  private final IngestConfig config;
  private final KafkaClientService clients;

  public KafkaDatasetEvents(
      KafkaClientService clients,
      @Channel("datasets") MutinyEmitter<byte[]> datasets,
      @Channel("chunks")
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
          MutinyEmitter<byte[]> chunks,
      IngestConfig config) {
    this.datasets = datasets;
    this.chunks = chunks;
    this.config = config;
    this.clients = clients;
    if (config.maxInFlightChunks() > EMITTER_BUFFER) {
      throw new IllegalStateException(
          "trainyard.ingest.max-in-flight-chunks must be at most " + EMITTER_BUFFER);
    }
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
  public EncodedRun chunks(int maxInFlight) {
    return TrackedPublisher.run(chunks, EventTypes.ROW_CHUNK, maxInFlight);
  }

  @Override
  public void sealed(String key, DatasetSealed event) {
    datasets
        .sendMessage(Envelopes.wrap(key, event, event.getEventId()))
        .await()
        .atMost(config.controlEventTimeout());
  }
}
