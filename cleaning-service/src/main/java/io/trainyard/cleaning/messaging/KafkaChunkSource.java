package io.trainyard.cleaning.messaging;

import io.trainyard.cleaning.service.ChunkSource;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.messaging.RangeReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Replays raw chunks from Kafka with the contracts' {@link RangeReader}. */
@ApplicationScoped
public class KafkaChunkSource implements ChunkSource {

  private final RangeReader reader;

  public KafkaChunkSource(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.reader = new RangeReader(bootstrap);
  }

  @Override
  public long read(List<OffsetRange> ranges, String datasetId, Consumer<RowChunk> sink) {
    return reader.read(ranges, datasetId, EventTypes.ROW_CHUNK, RowChunk.parser(), sink);
  }
}
