package io.trainyard.ingest.scan;

import io.trainyard.toolkit.runtime.BlockPool;

/**
 * Memory the spools of the uploads in progress share, outside the heap, in blocks kept for the next
 * upload once one is done: a spool writes its first bytes into blocks from here while there are
 * any, and the rest into its file. Writing an upload's cells into pages already in use costs a
 * copy; writing them into a new file costs the kernel a new page per 4 KiB, as much again to read
 * back, and disk bandwidth. Bounded: at most {@code bytes} in all, allocated on first use and then
 * reused.
 */
public final class SpoolMemory extends BlockPool {

  /** A pool of at most {@code bytes} (rounded down to whole blocks). */
  public SpoolMemory(long bytes) {
    this(bytes, DEFAULT_BLOCK_BYTES);
  }

  /** As {@link #SpoolMemory(long)}, with blocks of {@code blockBytes} (tests). */
  SpoolMemory(long bytes, int blockBytes) {
    super(bytes, blockBytes);
  }

  /** No memory: every spool writes a file. */
  public static SpoolMemory none() {
    return new SpoolMemory(0);
  }
}
