package io.trainyard.toolkit.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Memory outside the heap in blocks of one size, allocated on first use and kept for reuse once
 * given back: at most {@code capacity} bytes in all. For data a stage holds for a while (ingest's
 * spool, cleaning's chunks between its passes): on the heap it outlives the young generation and
 * fills the old one; in a new file or new blocks each time it costs the kernel fresh pages.
 *
 * <p>Thread-safe.
 */
public class BlockPool {

  /** The block size the stages use: a few segments of a spool, or the largest chunk kept. */
  public static final int DEFAULT_BLOCK_BYTES = 4 << 20;

  private final int blockBytes;
  private final int maxBlocks;
  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
  private int allocated;

  /** A pool of at most {@code capacity} bytes, in whole blocks of {@code blockBytes}. */
  public BlockPool(long capacity, int blockBytes) {
    if (blockBytes <= 0) {
      throw new IllegalArgumentException("blockBytes must be positive: " + blockBytes);
    }
    this.blockBytes = blockBytes;
    this.maxBlocks = (int) Math.min(Integer.MAX_VALUE, Math.max(0, capacity) / blockBytes);
  }

  public final int blockBytes() {
    return blockBytes;
  }

  /** A block (little-endian, position 0, limit its size), or null when all are in use. */
  public final synchronized ByteBuffer take() {
    ByteBuffer block = free.poll();
    if (block == null && allocated < maxBlocks) {
      allocated++;
      block = ByteBuffer.allocateDirect(blockBytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    return block;
  }

  /** Gives blocks back for reuse. */
  public final synchronized void give(List<ByteBuffer> blocks) {
    for (ByteBuffer block : blocks) {
      block.clear();
      free.push(block);
    }
  }

  /** Bytes in blocks taken and not given back. */
  public final synchronized long inUseBytes() {
    return (long) (allocated - free.size()) * blockBytes;
  }

  /** Bytes allocated so far (in use or free). */
  public final synchronized long allocatedBytes() {
    return (long) allocated * blockBytes;
  }

  /** Bytes that can be taken now (free blocks and blocks not allocated yet). */
  public final synchronized long freeBytes() {
    return (long) (maxBlocks - allocated + free.size()) * blockBytes;
  }
}
