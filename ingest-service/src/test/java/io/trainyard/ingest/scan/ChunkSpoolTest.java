package io.trainyard.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.toolkit.wire.Decimals;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool gives back every cell as it was appended, whichever form it keeps it in. */
class ChunkSpoolTest {

  @TempDir Path dir;

  /** Column kinds: short decimals, computed numbers, a mix; with or without dictionary ids. */
  private static double number(int column, SplittableRandom random) {
    if (random.nextInt(50) == 0) {
      return Double.NaN;
    }
    double v = random.nextGaussian() * 100;
    return switch (column % 3) {
      case 0 -> Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
      case 1 -> v;
      default -> random.nextInt(200) == 0 ? v : Math.rint(v);
    };
  }

  private static int id(int column, SplittableRandom random) {
    return column % 2 == 0 ? -1 : random.nextInt(5) - 1;
  }

  @Test
  void everyCellReadsBackAsAppendedWithAndWithoutSplitChunks() {
    for (int segmentBytes : new int[] {1 << 20, 12 * 6 * 7, 12 * 6 * 64}) {
      // in a file; all in memory; in memory blocks of an odd size (parts of a segment in two
      // blocks) until the memory runs out, then in the file
      roundTrip(segmentBytes, SpoolMemory.none(), false);
      roundTrip(segmentBytes, new SpoolMemory(1 << 24, 1 << 20), false);
      roundTrip(segmentBytes, new SpoolMemory(5 * 997, 997), true);
    }
  }

  private void roundTrip(int segmentBytes, SpoolMemory memory, boolean spills) {
    long capacity = memory.freeBytes();
    {
      SplittableRandom random = new SplittableRandom(segmentBytes);
      int columns = 6;
      int chunkRows = 100;
      int rows = 1_037;
      double[][] numbers = new double[columns][rows];
      int[][] ids = new int[columns][rows];
      for (int c = 0; c < columns; c++) {
        for (int r = 0; r < rows; r++) {
          numbers[c][r] = number(c, random);
          ids[c][r] = id(c, random);
        }
      }
      try (ChunkSpool spool = ChunkSpool.create(dir, segmentBytes, memory)) {
        spool.start(columns, chunkRows);
        // Appended in pieces of uneven size, as the parallel scan merges its blocks.
        int done = 0;
        while (done < rows) {
          int take = Math.min(rows - done, 1 + random.nextInt(250));
          double[][] n = new double[columns][];
          int[][] d = new int[columns][];
          for (int c = 0; c < columns; c++) {
            n[c] = java.util.Arrays.copyOfRange(numbers[c], done, done + take);
            d[c] = java.util.Arrays.copyOfRange(ids[c], done, done + take);
          }
          spool.appendRows(n, d, take);
          done += take;
        }
        spool.finish();
        if (spills) {
          assertThat(spool.memoryBytes()).isEqualTo(capacity).isLessThan(spool.bytes());
        } else {
          assertThat(spool.memoryBytes()).isEqualTo(capacity == 0 ? 0 : spool.bytes());
        }
        for (int c = 0; c < columns; c++) {
          for (int from = 0; from < rows; from += chunkRows) {
            int count = Math.min(chunkRows, rows - from);
            // The whole chunk, and a part of it that starts and ends inside.
            assertRange(spool, numbers, ids, c, from, count);
            int skip = count / 3;
            assertRange(spool, numbers, ids, c, from + skip, count - skip - 1);
            int scale = spool.decimalScale(c, from, count);
            if (scale >= 0) {
              assertThat(scale).isEqualTo(Decimals.scale(numbers[c], from, count));
              int[] decimals = new int[count];
              for (int r = 0; r < count; r++) {
                decimals[r] = Decimals.encode(numbers[c][from + r], scale);
              }
              // Packed as the chunk will carry it: the fewest bytes its span allows.
              int width = spool.packedWidth(c, from);
              assertThat(width).isEqualTo(Decimals.packing(decimals, 0, count).width());
              byte[] bytes = new byte[width * count];
              spool.readDecimals(c, from, count, bytes, 0);
              double[] back = new double[count];
              assertThat(spool.packedBase(c, from))
                  .isEqualTo(Decimals.packing(decimals, 0, count).base());
              Decimals.unpack(bytes, 0, count, width, spool.packedBase(c, from), scale, back, 0);
              for (int r = 0; r < count; r++) {
                assertThat(Double.doubleToRawLongBits(back[r]))
                    .isEqualTo(Double.doubleToRawLongBits(numbers[c][from + r]));
              }
            }
          }
        }
      }
    }
    // every block is back for the next spool
    assertThat(memory.freeBytes()).isEqualTo(capacity);
  }

  @Test
  void spoolsShareTheMemoryAndTheNextOneReusesItsBlocks() throws Exception {
    SpoolMemory memory = new SpoolMemory(4 * 1024, 1024);
    double[][] numbers = new double[1][1000];
    int[][] ids = new int[1][1000];
    java.util.Arrays.fill(ids[0], -1);
    for (int r = 0; r < 1000; r++) {
      numbers[0][r] = r * 100_000.0; // spans 10^8: 4 bytes a number, not packed
    }
    try (ChunkSpool first = ChunkSpool.create(dir, memory);
        ChunkSpool second = ChunkSpool.create(dir, memory)) {
      first.start(1, 1000);
      first.appendRows(numbers, ids, 750); // 3000 bytes: three blocks
      first.finish();
      second.start(1, 1000);
      second.appendRows(numbers, ids, 1000); // 4000 bytes: the one block left, then the file
      second.finish();
      assertThat(first.memoryBytes()).isEqualTo(3000);
      assertThat(second.memoryBytes()).isEqualTo(1024);
      // only the spool that ran out of memory made a file
      assertThat(spoolFiles()).isEqualTo(1);
      double[] back = new double[1000];
      second.readNumbers(0, 0, 1000, back);
      assertThat(back).isEqualTo(numbers[0]);
    }
    assertThat(memory.freeBytes()).isEqualTo(4 * 1024);
    assertThat(spoolFiles()).isZero();
    try (ChunkSpool third = ChunkSpool.create(dir, memory)) {
      third.start(1, 1000);
      third.appendRows(numbers, ids, 1000);
      third.finish();
      assertThat(third.memoryBytes()).isEqualTo(4000);
    }
    // the same four blocks, allocated once
    assertThat(memory.allocatedBytes()).isEqualTo(4 * 1024);
  }

  private long spoolFiles() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".spool")).count();
    }
  }

  private static void assertRange(
      ChunkSpool spool, double[][] numbers, int[][] ids, int c, int from, int count) {
    double[] n = new double[count];
    int[] d = new int[count];
    spool.readNumbers(c, from, count, n);
    spool.readIds(c, from, count, d);
    for (int r = 0; r < count; r++) {
      assertThat(Double.doubleToRawLongBits(n[r]))
          .as("column %d row %d", c, from + r)
          .isEqualTo(Double.doubleToRawLongBits(numbers[c][from + r]));
      assertThat(d[r]).as("id of column %d row %d", c, from + r).isEqualTo(ids[c][from + r]);
    }
  }

  @Test
  void shortDecimalsWithoutIdsTakeTheBytesTheirSpanNeeds() {
    try (ChunkSpool spool = ChunkSpool.create(dir)) {
      spool.start(3, 500);
      double[][] numbers = new double[3][1000];
      int[][] ids = new int[3][1000];
      for (int r = 0; r < 1000; r++) {
        numbers[0][r] = r / 100.0; // a chunk spans 499 hundredths: 2 bytes
        numbers[1][r] = r % 7 == 0 ? Double.NaN : -(r % 10) * 0.5; // spans 45 tenths: 1 byte
        numbers[2][r] = r * 70_000.0; // spans about 3.5 x 10^7: 4 bytes
        ids[0][r] = -1;
        ids[1][r] = -1;
        ids[2][r] = -1;
      }
      spool.appendRows(numbers, ids, 1000);
      spool.finish();
      assertThat(spool.bytes()).isEqualTo((2L + 1 + 4) * 1000);
      assertThat(spool.decimalScale(0, 0, 500)).isEqualTo(2);
      assertThat(spool.packedWidth(0, 0)).isEqualTo(2);
      assertThat(spool.packedBase(0, 500)).isEqualTo(500);
      assertThat(spool.decimalScale(1, 500, 500)).isEqualTo(1);
      assertThat(spool.packedWidth(1, 500)).isEqualTo(1);
      assertThat(spool.packedBase(1, 500)).isEqualTo(-45);
      assertThat(spool.decimalScale(2, 0, 500)).isZero();
      assertThat(spool.packedWidth(2, 0)).isEqualTo(4);
      assertThat(spool.packedBase(2, 500)).isEqualTo(35_000_000);
      // Not a whole segment: no scale to copy by.
      assertThat(spool.decimalScale(0, 0, 499)).isEqualTo(-1);
    }
  }
}
