package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    List<String> numeric = new ArrayList<>();
    float[][] values = new float[v.numericCount()][];
    for (int i = 0; i < v.numericCount(); i++) {
      numeric.add(v.numericName(i));
      double[] doubles = v.numeric(i);
      values[i] = new float[doubles.length];
      for (int r = 0; r < doubles.length; r++) {
        values[i][r] = (float) doubles[r];
      }
    }
    List<String> categorical = new ArrayList<>();
    String[][] texts = new String[v.categoricalCount()][];
    for (int i = 0; i < v.categoricalCount(); i++) {
      categorical.add(v.categoricalName(i));
      texts[i] = v.categorical(i);
    }
    return ChunkWire.encode(
        v.eventId(),
        v.dataset(),
        chunkIndex,
        same ? null : v.rowIds(),
        same ? null : v.splits(),
        numeric,
        values,
        categorical,
        texts,
        same ? null : v.labels(),
        v.rows(),
        same ? v : null);
  }

  /** The chunk as cleaning writes it: each numeric column's numbers as floats. */
  static RowChunk asFloats(RowChunk chunk) {
    RowChunk.Builder b = chunk.toBuilder().clearNumeric();
    for (NumericColumn c : chunk.getNumericList()) {
      NumericColumn.Builder f = NumericColumn.newBuilder().setName(c.getName());
      for (double v : c.getValuesList()) {
        f.addFloats((float) v);
      }
      b.addNumeric(f);
    }
    return b.build();
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
      double[] doubles = io.trainyard.toolkit.wire.Decimals.values(CHUNK.getNumeric(c));
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
        RowChunk.newBuilder()
            .setEventId("run")
            .setChunkIndex(2)
            .setFirstRowId(4001)
            .setRowCount(3)
            .addAllSplitsValue(List.of(1, 3, 1))
            .addNumeric(
                NumericColumn.newBuilder().setName("x").addValues(1).addValues(2).addValues(3))
            .addAllLabelNames(List.of("neg", "pos"))
            .addAllLabelIndexes(List.of(1, 0, 1))
            .build();
    ChunkView v = ChunkView.parse(raw.toByteArray());
    byte[] copied = encode(v, v.chunkIndex(), true);
    assertThat(copied).isEqualTo(asFloats(raw).toByteArray());
    RowChunk cleaned = RowChunk.parseFrom(copied);
    assertThat(cleaned.getFirstRowId()).isEqualTo(4001);
    assertThat(cleaned.getRowCount()).isEqualTo(3);
    assertThat(cleaned.getLabelIndexesList()).containsExactly(1, 0, 1);
    // Rows handed over as arrays (as when some are dropped): listed ids, labels as text.
    RowChunk listed = RowChunk.parseFrom(encode(v, v.chunkIndex(), false));
    assertThat(listed.getRowIdsList()).containsExactly(4001L, 4002L, 4003L);
    assertThat(listed.getLabelsList()).containsExactly("pos", "neg", "pos");
    assertThat(ChunkView.parse(listed.toByteArray()).labels()).containsExactly("pos", "neg", "pos");
  }
}
