package io.trainyard.cleaning;

import io.trainyard.toolkit.runtime.BlockPool;

/**
 * Memory outside the heap for raw chunks kept between the passes, in blocks that are kept for the
 * next data set once one is done: at most {@code capacity} bytes in all, allocated on first use.
 * Kept on the heap instead, a data set's chunks outlived the young generation and filled the old
 * one: a full collection every data set, and their copying in the young collections before it.
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
