package io.trainyard.cleaning;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Memory outside the heap for raw chunks kept between the passes, in blocks that are kept for the
 * next data set once one is done: at most {@code capacity} bytes in all, allocated on first use.
 * Kept on the heap instead, a data set's chunks outlived the young generation and filled the old
 * one: a full collection every data set, and their copying in the young collections before it.
 *
 * <p>Thread-safe.
 */
public final class ChunkMemory {

  /** The size of a block: the largest chunk that can be kept. */
  public static final int BLOCK_BYTES = 4 << 20;

  private final int blockBytes;
  private final int maxBlocks;
  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
  private int allocated;

  /** A pool of at most {@code capacity} bytes (whole blocks of {@link #BLOCK_BYTES}). */
  public ChunkMemory(long capacity) {
    this(capacity, BLOCK_BYTES);
  }

  /** As {@link #ChunkMemory(long)}, with blocks of {@code blockBytes}. */
  public ChunkMemory(long capacity, int blockBytes) {
    if (blockBytes <= 0) {
      throw new IllegalArgumentException("blockBytes must be positive: " + blockBytes);
    }
    this.blockBytes = blockBytes;
    this.maxBlocks = (int) Math.min(Integer.MAX_VALUE, Math.max(0, capacity) / blockBytes);
  }

  public int blockBytes() {
    return blockBytes;
  }

  /** A block (position 0), or null when all are in use. */
  synchronized ByteBuffer take() {
    ByteBuffer block = free.poll();
    if (block == null && allocated < maxBlocks) {
      allocated++;
      block = ByteBuffer.allocateDirect(blockBytes);
    }
    return block;
  }

  /** Gives blocks back for the next data set. */
  synchronized void give(List<ByteBuffer> blocks) {
    for (ByteBuffer block : blocks) {
      block.clear();
      free.push(block);
    }
  }

  /** Bytes in blocks that hold chunks now. */
  public synchronized long inUseBytes() {
    return (long) (allocated - free.size()) * blockBytes;
  }

  /** Bytes allocated so far (in use or free). */
  public synchronized long allocatedBytes() {
    return (long) allocated * blockBytes;
  }
}
