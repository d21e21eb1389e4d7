package io.trainyard.ingest.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.contracts.messaging.TrackedPublisher;
import io.trainyard.ingest.DatasetEvents;
import io.trainyard.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes a data set on Kafka: DatasetOpened and DatasetSealed on the {@code datasets} channel
 * ({@code trainyard.ingest.datasets.v1}), RowChunks on the {@code chunks} channel ({@code
 * trainyard.ingest.chunks.v1}) through a {@link TrackedPublisher}, all keyed by the data set id.
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

  public KafkaDatasetEvents(
      @Channel("datasets") MutinyEmitter<byte[]> datasets,
      @Channel("chunks")
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
          MutinyEmitter<byte[]> chunks,
      IngestConfig config) {
    this.datasets = datasets;
    this.chunks = chunks;
    this.config = config;
    if (config.maxInFlightChunks() > EMITTER_BUFFER) {
      throw new IllegalStateException(
          "trainyard.ingest.max-in-flight-chunks must be at most " + EMITTER_BUFFER);
    }
  }

  @Override
  public void opened(String key, DatasetOpened event) {
    datasets
        .sendMessage(Envelopes.wrap(key, event, event.getEventId()))
        .await()
        .atMost(config.controlEventTimeout());
  }

  @Override
  public ChunkRun chunks(int maxInFlight) {
    TrackedPublisher publisher = new TrackedPublisher(chunks, maxInFlight);
    return new ChunkRun() {
      @Override
      public void send(String key, RowChunk chunk) {
        publisher.send(key, chunk, chunk.getEventId());
      }

      @Override
      public List<OffsetRange> finish() {
        return publisher.finish().ranges();
      }
    };
  }

  @Override
  public void sealed(String key, DatasetSealed event) {
    datasets
        .sendMessage(Envelopes.wrap(key, event, event.getEventId()))
        .await()
        .atMost(config.controlEventTimeout());
  }
}
