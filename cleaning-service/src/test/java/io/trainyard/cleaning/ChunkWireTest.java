package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.wire.ChunkView;
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
    double[][] values = new double[v.numericCount()][];
    for (int i = 0; i < v.numericCount(); i++) {
      numeric.add(v.numericName(i));
      values[i] = v.numeric(i);
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

  @Test
  void theWireWriterWritesTheBytesOfTheGeneratedSerializer() {
    ChunkView v = ChunkView.parse(CHUNK.toByteArray());
    assertThat(encode(v, v.chunkIndex(), false)).isEqualTo(CHUNK.toByteArray());
    // chunk index 0 is left out, as proto3 does
    RowChunk first = CHUNK.toBuilder().setChunkIndex(0).build();
    assertThat(encode(v, 0, false)).isEqualTo(first.toByteArray());
  }

  @Test
  void rowIdsSplitsAndLabelsCopiedAsBytesGiveTheBytesOfTheGeneratedSerializer() {
    ChunkView v = ChunkView.parse(CHUNK.toByteArray());
    assertThat(v.rowIdsPayload()).isNotNull();
    assertThat(v.splitsPayload()).isNotNull();
    assertThat(v.labelsRun()).isNotNull();
    // no row id, split or label arrays: they can only come from the raw chunk's bytes
    assertThat(encode(v, v.chunkIndex(), true)).isEqualTo(CHUNK.toByteArray());
  }
}
