package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.testsupport.ChunkBuilder;
import io.trainyard.testsupport.RandomChunks;
import io.trainyard.toolkit.wire.ChunkView;
import io.trainyard.toolkit.wire.Decimals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ChunkWire} writes the bytes the generated serializer writes for the same chunk. */
class ChunkWireTest {

  private static final RowChunk CHUNK =
      Chunks.chunk(
          5,
          Chunks.row(1, 'T', 1.5, "x", Double.NaN, "yes"),
          Chunks.row(300, 'E', -2, "", 1e300, ""),
          Chunks.row(1L << 40, 'V', 0, "ü", -0.0, "no"));

  /**
   * Writes {@code v}'s columns back with {@link ChunkWire}, at {@code chunkIndex}; with {@code
   * same}, the row ids, splits and labels are not handed over as arrays.
   */
  private static byte[] encode(ChunkView v, long chunkIndex, boolean same) {
    boolean[] keep = new boolean[v.rows()];
    Arrays.fill(keep, true);
    return encode(v, chunkIndex, same, keep);
  }

  /** As {@link #encode(ChunkView, long, boolean)}, of the rows {@code keep} says (all for same). */
  private static byte[] encode(ChunkView v, long chunkIndex, boolean same, boolean[] keep) {
    int rows = 0;
    for (boolean k : keep) {
      rows += k ? 1 : 0;
    }
    List<String> numeric = new ArrayList<>();
    float[][] values = new float[v.numericCount()][];
    for (int i = 0; i < v.numericCount(); i++) {
      numeric.add(v.numericName(i));
      values[i] = floats(kept(v.numeric(i), keep));
    }
    List<String> categorical = new ArrayList<>();
    String[][] texts = new String[v.categoricalCount()][];
    for (int i = 0; i < v.categoricalCount(); i++) {
      categorical.add(v.categoricalName(i));
      texts[i] = kept(v.categorical(i), keep);
    }
    long[] ids = new long[rows];
    int[] splits = new int[rows];
    int[] labels = new int[v.labelCount() == 0 ? 0 : rows];
    for (int r = 0, m = 0; r < keep.length; r++) {
      if (keep[r]) {
        ids[m] = v.rowIds()[r];
        splits[m] = v.splits()[r];
        if (labels.length > 0) {
          labels[m] = v.labelIndexes()[r];
        }
        m++;
      }
    }
    return ChunkWire.encode(
        v.eventId(),
        v.dataset(),
        chunkIndex,
        same ? null : ids,
        same ? null : splits,
        numeric,
        values,
        categorical,
        texts,
        same ? null : v.labelCount() == 0 ? new String[0] : v.labelNames(),
        same ? null : labels,
        rows,
        same ? v : null);
  }

  private static double[] kept(double[] values, boolean[] keep) {
    double[] out = new double[values.length];
    int m = 0;
    for (int r = 0; r < values.length; r++) {
      if (keep[r]) {
        out[m++] = values[r];
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static String[] kept(String[] values, boolean[] keep) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < values.length; r++) {
      if (keep[r]) {
        out.add(values[r]);
      }
    }
    return out.toArray(String[]::new);
  }

  private static float[] floats(double[] doubles) {
    float[] out = new float[doubles.length];
    for (int r = 0; r < out.length; r++) {
      out[r] = (float) doubles[r];
    }
    return out;
  }

  /**
   * The chunk as cleaning writes it, of the rows {@code keep} says: each numeric column's numbers
   * as floats; the row ids listed ({@code listIds}: as when rows are handed over as arrays) or as
   * the chunk has them.
   */
  static RowChunk asFloats(RowChunk chunk, boolean[] keep, boolean listIds) {
    RowChunk.Builder b =
        chunk.toBuilder()
            .setDataset(chunk.getDataset()) // written, as a stage always has one
            .clearNumeric()
            .clearCategorical()
            .clearSplits()
            .clearLabelIndexes();
    ChunkView v = ChunkView.of(chunk);
    for (int r = 0; r < keep.length; r++) {
      if (keep[r]) {
        b.addSplitsValue(v.splits()[r]);
        if (v.labelCount() > 0) {
          b.addLabelIndexes(v.labelIndexes()[r]);
        }
      }
    }
    if (listIds) {
      b.clearRowIds();
      b.getListedBuilder();
      for (int r = 0; r < keep.length; r++) {
        if (keep[r]) {
          b.getListedBuilder().addIds(v.rowIds()[r]);
        }
      }
    }
    for (NumericColumn c : chunk.getNumericList()) {
      NumericColumn.Builder f = NumericColumn.newBuilder().setName(c.getName());
      f.getFloatsBuilder();
      for (float x : floats(kept(Decimals.values(c), keep))) {
        f.getFloatsBuilder().addValues(x);
      }
      b.addNumeric(f);
    }
    for (StringColumn c : chunk.getCategoricalList()) {
      b.addCategorical(
          StringColumn.newBuilder()
              .setName(c.getName())
              .addAllValues(List.of(kept(c.getValuesList().toArray(String[]::new), keep))));
    }
    return b.build();
  }

  static RowChunk asFloats(RowChunk chunk) {
    boolean[] keep = new boolean[ChunkView.of(chunk).rows()];
    Arrays.fill(keep, true);
    return asFloats(chunk, keep, false);
  }

  @Test
  void theWireWriterWritesTheBytesOfTheGeneratedSerializer() {
    ChunkView v = ChunkView.parse(CHUNK.toByteArray());
    assertThat(encode(v, v.chunkIndex(), false)).isEqualTo(asFloats(CHUNK).toByteArray());
    // chunk index 0 is left out, as proto3 does
    RowChunk first = asFloats(CHUNK).toBuilder().setChunkIndex(0).build();
    assertThat(encode(v, 0, false)).isEqualTo(first.toByteArray());
  }

  @Test
  void cleanedFloatsGiveTheBatchesTheFloatsTheDoublesWould() {
    ChunkView cleaned = ChunkView.parse(encode(ChunkView.parse(CHUNK.toByteArray()), 5, false));
    for (int c = 0; c < CHUNK.getNumericCount(); c++) {
      double[] doubles = Decimals.values(CHUNK.getNumeric(c));
      double[] read = cleaned.numeric(c);
      for (int r = 0; r < doubles.length; r++) {
        assertThat(Float.floatToRawIntBits((float) read[r]))
            .isEqualTo(Float.floatToRawIntBits((float) doubles[r]));
      }
    }
  }

  @Test
  void rowIdsSplitsAndLabelsCopiedAsBytesGiveTheBytesOfTheGeneratedSerializer() {
    ChunkView v = ChunkView.parse(CHUNK.toByteArray());
    assertThat(v.rowIdsPayload()).isNotNull();
    assertThat(v.splitsPayload()).isNotNull();
    assertThat(v.labelsRun()).isNotNull();
    // no row id, split or label arrays: they can only come from the raw chunk's bytes
    assertThat(encode(v, v.chunkIndex(), true)).isEqualTo(asFloats(CHUNK).toByteArray());
  }

  @Test
  void aRunOfRowIdsAndLabelsAsIndexesPassOnAsTheyCame() throws Exception {
    // As ingest publishes a chunk: ids as their run, labels as indexes into the chunk's names.
    RowChunk raw =
        ChunkBuilder.chunk()
            .eventId("run")
            .index(2)
            .idRun(4001, 3)
            .splits("TET")
            .decimals("x", 1, 2, 3)
            .labels(List.of("neg", "pos"), 1, 0, 1)
            .build();
    ChunkView v = ChunkView.parse(raw.toByteArray());
    byte[] copied = encode(v, v.chunkIndex(), true);
    assertThat(copied).isEqualTo(asFloats(raw).toByteArray());
    RowChunk cleaned = RowChunk.parseFrom(copied);
    assertThat(cleaned.getConsecutive().getFirst()).isEqualTo(4001);
    assertThat(cleaned.getConsecutive().getCount()).isEqualTo(3);
    assertThat(cleaned.getLabelIndexesList()).containsExactly(1, 0, 1);
    // Rows handed over as arrays (as when some are dropped): listed ids, the same names.
    boolean[] keep = {true, false, true};
    RowChunk listed = RowChunk.parseFrom(encode(v, v.chunkIndex(), false, keep));
    assertThat(listed.getListed().getIdsList()).containsExactly(4001L, 4003L);
    assertThat(listed.getLabelNamesList()).containsExactly("neg", "pos");
    assertThat(listed.getLabelIndexesList()).containsExactly(1, 1);
    assertThat(ChunkView.parse(listed.toByteArray()).labels()).containsExactly("pos", "pos");
    assertThat(listed.toByteArray()).isEqualTo(asFloats(raw, keep, true).toByteArray());
  }

  @Test
  void randomChunksGiveTheBytesOfTheGeneratedSerializer() {
    // Every form of raw chunk: ids listed or as a run, numbers in any form, labels or none; all
    // rows kept (copied as bytes, and handed over as arrays) or some dropped.
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 300; trial++) {
      long seed = random.nextLong();
      SplittableRandom chunkRandom = new SplittableRandom(seed);
      RowChunk raw = RandomChunks.chunk(chunkRandom, 1 + chunkRandom.nextInt(300));
      ChunkView v = ChunkView.of(raw);
      boolean[] keep = new boolean[v.rows()];
      for (int r = 0; r < keep.length; r++) {
        keep[r] = random.nextInt(5) > 0;
      }
      keep[0] = true;
      String chunk = "RandomChunks.chunk of seed " + seed;
      assertThat(encode(v, v.chunkIndex(), true)).as(chunk).isEqualTo(asFloats(raw).toByteArray());
      assertThat(encode(v, v.chunkIndex(), false, keep))
          .as(chunk)
          .isEqualTo(asFloats(raw, keep, true).toByteArray());
    }
  }
}
