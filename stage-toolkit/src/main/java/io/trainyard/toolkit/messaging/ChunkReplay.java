package io.trainyard.toolkit.messaging;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays the RowChunks of offset ranges, keeping those keyed by one data set id, as {@link
 * ChunkView}s; {@link RangeReader#readChunks} on the broker, a list in a stage's unit tests.
 */
@FunctionalInterface
public interface ChunkReplay {

  /**
   * Hands every RowChunk of {@code ranges} keyed {@code datasetId} to {@code sink}, in offset order
   * per partition.
   *
   * @return the number of chunks handed over
   */
  long replay(List<OffsetRange> ranges, String datasetId, Consumer<ChunkView> sink);
}
