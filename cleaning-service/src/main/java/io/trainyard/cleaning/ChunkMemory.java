package io.trainyard.cleaning;

import io.trainyard.toolkit.runtime.BlockPool;

/**
 * Memory outside the heap for raw chunks kept between the passes, in blocks that are kept for the
 * next data set once one is done: at most {@code capacity} bytes in all, allocated on first use.
 * Off the heap because a data set's chunks live from pass 1 to pass 2: on the heap they would
 * outlive the young generation, be copied by its collections and then fill the old one.
 */
public final class ChunkMemory extends BlockPool {

  /**
   * A pool of at most {@code capacity} bytes (whole blocks of {@link #DEFAULT_BLOCK_BYTES}, the
   * largest chunk that can be kept).
   */
  public ChunkMemory(long capacity) {
    this(capacity, DEFAULT_BLOCK_BYTES);
  }

  /** As {@link #ChunkMemory(long)}, with blocks of {@code blockBytes}. */
  public ChunkMemory(long capacity, int blockBytes) {
    super(capacity, blockBytes);
  }
}
