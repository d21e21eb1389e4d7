package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.testsupport.RandomChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property: any valid RowChunk, in any of its forms, serialized by the generated classes, reads
 * through {@link ChunkView} as exactly the values {@code RowChunk.parseFrom} gives (parsed in place
 * inside a larger array, as a fetched record is: {@code parse(byte[])} is the case of no bytes
 * around it). The chunks come from {@link RandomChunks}, each from a seed of its own that a failure
 * names ({@code -Dtrainyard.property.seed} picks other chunks).
 */
class ChunkViewPropertyTest {

  private static final long SEED = Long.getLong("trainyard.property.seed", 20_251_208L);
  private static final int CHUNKS = 1_200;

  @Test
  void randomChunksInEveryFormReadAsTheGeneratedParserReadsThem() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, Integer> seen = new TreeMap<>();
    for (int trial = 0; trial < CHUNKS; trial++) {
      long seed = random.nextLong();
      RowChunk chunk = RandomChunks.chunk(new SplittableRandom(seed));
      byte[] wire = chunk.toByteArray();
      // In place, as a fetched record is parsed: other bytes before and after it.
      int before = random.nextInt(16);
      byte[] fetched = new byte[before + wire.length + random.nextInt(16)];
      random.nextBytes(fetched);
      System.arraycopy(wire, 0, fetched, before, wire.length);
      try {
        ChunkValues.assertSame(
            ChunkView.parse(fetched, before, before + wire.length), RowChunk.parseFrom(wire));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "the chunk RandomChunks.chunk(new SplittableRandom(" + seed + "L)): " + e, e);
      }
      count(chunk, seen);
    }
    // The chunks drawn met every form and every kind of value they are meant to.
    assertThat(seen)
        .containsKeys(
            "0 rows",
            "ids LISTED",
            "ids CONSECUTIVE",
            "ids ROWIDS_NOT_SET",
            "DOUBLES",
            "FLOATS",
            "packed width 1",
            "packed width 2",
            "packed width 3",
            "packed width 4",
            "VALUES_NOT_SET",
            "labels",
            "20+ columns",
            "NaN",
            "-0.0",
            "infinity",
            "non-ASCII text",
            "unknown split");
  }

  private static void count(RowChunk chunk, Map<String, Integer> seen) {
    if (chunk.getSplitsCount() == 0) {
      seen.merge("0 rows", 1, Integer::sum);
    }
    seen.merge("ids " + chunk.getRowIdsCase(), 1, Integer::sum);
    if (chunk.getLabelIndexesCount() > 0) {
      seen.merge("labels", 1, Integer::sum);
    }
    if (chunk.getNumericCount() >= 20) {
      seen.merge("20+ columns", 1, Integer::sum);
    }
    if (chunk.getSplitsValueList().stream().anyMatch(s -> s < 0 || s > 3)) {
      seen.merge("unknown split", 1, Integer::sum);
    }
    List<String> texts = new ArrayList<>(chunk.getLabelNamesList());
    texts.add(chunk.getEventId());
    chunk.getCategoricalList().forEach(c -> texts.addAll(c.getValuesList()));
    if (texts.stream().anyMatch(t -> t.chars().anyMatch(c -> Character.isSurrogate((char) c)))) {
      seen.merge("non-ASCII text", 1, Integer::sum); // four-byte UTF-8 included
    }
    for (NumericColumn column : chunk.getNumericList()) {
      seen.merge(
          column.hasPacked()
              ? "packed width " + column.getPacked().getWidth()
              : column.getValuesCase().name(),
          1,
          Integer::sum);
      for (double v : ChunkValues.numbers(column)) {
        if (Double.isNaN(v)) {
          seen.merge("NaN", 1, Integer::sum);
        } else if (Double.isInfinite(v)) {
          seen.merge("infinity", 1, Integer::sum);
        } else if (Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
          seen.merge("-0.0", 1, Integer::sum);
        }
      }
    }
  }
}
