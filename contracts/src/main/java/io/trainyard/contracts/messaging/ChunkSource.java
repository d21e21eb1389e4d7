package io.trainyard.contracts.messaging;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.wire.ChunkView;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays the RowChunks of offset ranges, keeping those keyed by one data set id, as {@link
 * ChunkView}s; {@link RangeReader#readChunks} on the broker, a list in a stage's unit tests.
 */
@FunctionalInterface
public interface ChunkSource {

  /**
   * Hands every RowChunk of {@code ranges} keyed {@code datasetId} to {@code sink}, in offset order
   * per partition.
   *
   * @return the number of chunks handed over
   */
  long read(List<OffsetRange> ranges, String datasetId, Consumer<ChunkView> sink);
}
