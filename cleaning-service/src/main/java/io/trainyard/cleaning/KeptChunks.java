package io.trainyard.cleaning;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a data set version's raw chunks, in the order added, in blocks of a {@link
 * ChunkMemory}: a chunk is copied in when added and out when read, so the heap holds none of them
 * in between. Not thread-safe; the caller serializes access.
 */
public final class KeptChunks {

  private final ChunkMemory memory;
  private final List<ByteBuffer> blocks = new ArrayList<>();
  private int[] block = new int[64];
  private int[] offset = new int[64];
  private int[] length = new int[64];
  private int count;
  private long bytes;

  public KeptChunks(ChunkMemory memory) {
    this.memory = memory;
  }

  /**
   * Adds a chunk's bytes after the others.
   *
   * @return false when the memory has no room for it (then nothing was added)
   */
  public boolean add(byte[] chunk) {
    return add(chunk, 0, chunk.length);
  }

  /**
   * Adds a chunk that lies in {@code source} at [from, from + size) after the others.
   *
   * @return false when the memory has no room for it (then nothing was added)
   */
  public boolean add(byte[] source, int from, int size) {
    if (size > memory.blockBytes()) {
      return false;
    }
    ByteBuffer last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
    if (last == null || last.remaining() < size) {
      last = memory.take();
      if (last == null) {
        return false;
      }
      blocks.add(last);
    }
    if (count == block.length) {
      block = Arrays.copyOf(block, 2 * count);
      offset = Arrays.copyOf(offset, 2 * count);
      length = Arrays.copyOf(length, 2 * count);
    }
    block[count] = blocks.size() - 1;
    offset[count] = last.position();
    length[count] = size;
    count++;
    last.put(source, from, size);
    bytes += size;
    return true;
  }

  /** Chunks kept. */
  public int size() {
    return count;
  }

  /** Bytes of the chunks kept. */
  public long bytes() {
    return bytes;
  }

  /** A copy of chunk {@code i}'s bytes. */
  public byte[] get(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("chunk " + i + " of " + count);
    }
    byte[] chunk = new byte[length[i]];
    blocks.get(block[i]).get(offset[i], chunk);
    return chunk;
  }

  /** Gives the memory back; the chunks are gone. */
  public void release() {
    memory.give(blocks);
    blocks.clear();
    count = 0;
    bytes = 0;
  }
}
