package io.trainyard.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Memory the spools of the uploads in progress share, in blocks outside the heap that are kept for
 * the next upload once one is done: a spool writes its first bytes into blocks from here while
 * there are any, and the rest into its file. Writing an upload's cells into pages already in use
 * costs a copy; writing them into a new file costs the kernel a new page per 4 KiB (and here, on a
 * virtual machine, a fault on the host for many of them), as much again to read back, and disk
 * bandwidth. Bounded: at most {@code bytes} in all, allocated on first use and then reused.
 *
 * <p>Thread-safe.
 */
public final class SpoolMemory {

  /** The size of a block. */
  static final int BLOCK_BYTES = 4 << 20;

  private final int blockBytes;
  private final int maxBlocks;
  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
  private int allocated;

  /** A pool of at most {@code bytes} (rounded down to whole blocks). */
  public SpoolMemory(long bytes) {
    this(bytes, BLOCK_BYTES);
  }

  /** As {@link #SpoolMemory(long)}, with blocks of {@code blockBytes} (tests). */
  SpoolMemory(long bytes, int blockBytes) {
    if (blockBytes <= 0) {
      throw new IllegalArgumentException("blockBytes must be positive: " + blockBytes);
    }
    this.blockBytes = blockBytes;
    this.maxBlocks = (int) Math.min(Integer.MAX_VALUE, Math.max(0, bytes) / blockBytes);
  }

  /** No memory: every spool writes a file. */
  public static SpoolMemory none() {
    return new SpoolMemory(0);
  }

  int blockBytes() {
    return blockBytes;
  }

  /** A block (little-endian, position 0), or null when all are in use. */
  synchronized ByteBuffer take() {
    ByteBuffer block = free.poll();
    if (block == null && allocated < maxBlocks) {
      allocated++;
      block = ByteBuffer.allocateDirect(blockBytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    return block;
  }

  /** Gives blocks back for the next spool. */
  synchronized void give(List<ByteBuffer> blocks) {
    for (ByteBuffer block : blocks) {
      block.clear();
      free.push(block);
    }
  }

  /** Bytes allocated so far (in use or free). */
  public synchronized long allocatedBytes() {
    return (long) allocated * blockBytes;
  }

  /** Bytes in blocks no spool holds now. */
  public synchronized long freeBytes() {
    return (long) (maxBlocks - allocated + free.size()) * blockBytes;
  }
}
