package io.trainyard.cleaning.service;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import java.util.List;
import java.util.function.Consumer;

/** Replays the chunks of offset ranges, keeping those keyed by one data set id. */
public interface ChunkSource {

  /**
   * Hands every RowChunk of {@code ranges} keyed {@code datasetId} to {@code sink}, in offset order
   * per partition.
   *
   * @return the number of records handed over
   */
  long read(List<OffsetRange> ranges, String datasetId, Consumer<RowChunk> sink);
}
