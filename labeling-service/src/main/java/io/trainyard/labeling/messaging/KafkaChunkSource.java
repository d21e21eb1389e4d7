package io.trainyard.labeling.messaging;

import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.messaging.RangeReader;
import io.trainyard.labeling.service.ChunkSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Replays cleaned (and, for rules, raw) chunks from Kafka with the contracts' RangeReader. */
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
