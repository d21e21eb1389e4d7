package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Chunks kept outside the heap read back byte for byte, in order, and give their memory back. */
class KeptChunksTest {

  @Test
  void chunksReadBackAsAddedAcrossBlocks() {
    ChunkMemory memory = new ChunkMemory(64 * 100, 100);
    KeptChunks kept = new KeptChunks(memory);
    SplittableRandom random = new SplittableRandom(7);
    byte[][] chunks = new byte[40][];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = new byte[random.nextInt(101)]; // 0..100 bytes: some fill a block exactly
      random.nextBytes(chunks[i]);
      assertThat(kept.add(chunks[i])).isTrue();
    }
    assertThat(kept.size()).isEqualTo(chunks.length);
    long bytes = 0;
    for (int i = 0; i < chunks.length; i++) {
      assertThat(kept.get(i)).as("chunk %d", i).isEqualTo(chunks[i]);
      bytes += chunks[i].length;
    }
    assertThat(kept.bytes()).isEqualTo(bytes);
    assertThat(memory.inUseBytes()).isPositive().isLessThanOrEqualTo(64 * 100);
    assertThatThrownBy(() -> kept.get(chunks.length)).isInstanceOf(IndexOutOfBoundsException.class);
    kept.release();
    assertThat(memory.inUseBytes()).isZero();
    assertThat(kept.size()).isZero();
  }

  @Test
  void aChunkThatDoesNotFitIsRefusedAndTheBlocksAreReused() {
    ChunkMemory memory = new ChunkMemory(200, 100);
    KeptChunks first = new KeptChunks(memory);
    assertThat(first.add(new byte[101])).isFalse(); // larger than a block
    assertThat(first.add(new byte[60])).isTrue();
    assertThat(first.add(new byte[60])).isTrue(); // a second block
    assertThat(first.add(new byte[60])).isFalse(); // no third
    assertThat(first.size()).isEqualTo(2);
    first.release();
    KeptChunks second = new KeptChunks(memory);
    assertThat(second.add(new byte[100])).isTrue();
    assertThat(second.add(new byte[100])).isTrue();
    assertThat(memory.allocatedBytes()).isEqualTo(200); // the same two blocks
  }
}
