package io.trainyard.cleaning;

import static io.trainyard.cleaning.Chunks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.testsupport.ChunkBuilder;
import io.trainyard.toolkit.wire.ChunkView;
import io.trainyard.toolkit.wire.Decimals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pass 1 fed chunk by chunk as they stream in: every chunk once, and complete only when it has
 * every chunk and row DatasetSealed counts, with the schema's columns.
 */
class StreamProfileTest {

  /** The chunks of CleanerTest, with their numeric columns in schema order (x, then y). */
  static RowChunk inSchemaOrder(RowChunk chunk) {
    NumericColumn x =
        chunk.getNumericList().stream()
            .filter(c -> c.getName().equals("x"))
            .findFirst()
            .orElseThrow();
    NumericColumn y =
        chunk.getNumericList().stream()
            .filter(c -> c.getName().equals("y"))
            .findFirst()
            .orElseThrow();
    return chunk.toBuilder().clearNumeric().addNumeric(x).addNumeric(y).build();
  }

  static final RowChunk FIRST = inSchemaOrder(CleanerTest.FIRST);
  static final RowChunk SECOND = inSchemaOrder(CleanerTest.SECOND);

  static DatasetSealed sealed(long chunks, long rows) {
    return DatasetSealed.newBuilder()
        .setDataset(Chunks.REF)
        .setSchema(Chunks.SCHEMA)
        .setChunkCount(chunks)
        .setRowCount(rows)
        .build();
  }

  @Test
  void everyChunkOnceMakesTheTrainingStatistics() {
    StreamProfile p = StreamProfile.start(ChunkView.of(FIRST), 10_000, 100);
    assertThat(p.accept(ChunkView.of(FIRST))).isTrue();
    assertThat(p.gap(sealed(2, 12))).contains("seen 1 of 2 chunks, 6 of 12 rows");
    assertThat(p.accept(ChunkView.of(FIRST))).as("a chunk index seen before").isFalse();
    assertThat(p.accept(ChunkView.of(SECOND))).isTrue();
    assertThat(p.gap(sealed(2, 12))).isNull();
    assertThat(p.rows()).isEqualTo(12);
    assertThat(p.chunks()).isEqualTo(2);

    // Training x, worked out by hand: 2 4 4 (missing) 4 5 5 7 9 -> mean 5, deviations -3 -1 -1 -1
    // 0 0 2 4, squares sum 32 over 8: population sd 2; median (4 + 5) / 2.
    ColumnStats x = p.profiler().numeric().get("x");
    assertThat(x.count()).isEqualTo(8);
    assertThat(x.missing()).isEqualTo(1);
    assertThat(x.mean()).isCloseTo(5.0, within(1e-12));
    assertThat(x.stddev()).isCloseTo(2.0, within(1e-12));
    assertThat(x.median()).isCloseTo(4.5, within(1e-12));
    assertThat(x.min()).isEqualTo(2.0);
    assertThat(x.max()).isEqualTo(9.0);
    // Training colours: red 4, blue 3, green 1, one missing.
    assertThat(p.profiler().categorical().get("color").mode()).isEqualTo("red");
    assertThat(p.profiler().trainRows()).isEqualTo(9);
  }

  @Test
  void aMissingChunkIndexOrAnotherRowCountIsAGap() {
    StreamProfile p = StreamProfile.start(ChunkView.of(SECOND), 10_000, 100);
    p.accept(ChunkView.of(SECOND));
    p.accept(ChunkView.of(FIRST.toBuilder().setChunkIndex(2).build()));
    // two chunks and twelve rows, but chunk 0 never came (index 2 did)
    assertThat(p.gap(sealed(2, 12))).isEqualTo("chunk 0 not seen");
    assertThat(p.gap(sealed(2, 13))).contains("12 of 13 rows");
  }

  @Test
  void chunksWhoseColumnsAreNotTheSchemasAreNotUsed() {
    // CleanerTest's chunks carry y before x: the stream cannot stand for a schema of x, y.
    StreamProfile p = StreamProfile.start(ChunkView.of(CleanerTest.FIRST), 10_000, 100);
    p.accept(ChunkView.of(CleanerTest.FIRST));
    p.accept(ChunkView.of(CleanerTest.SECOND));
    assertThat(p.gap(sealed(2, 12))).isEqualTo("the chunks' columns are not the schema's");
  }

  @Test
  void aChunkThatCannotBeFoldedBreaksTheProfile() {
    StreamProfile p = StreamProfile.start(ChunkView.of(FIRST), 10_000, 100);
    p.accept(ChunkView.of(FIRST));
    NumericColumn x = SECOND.getNumeric(0);
    double[] values = Decimals.values(x);
    RowChunk ragged =
        SECOND.toBuilder()
            .setNumeric(
                0,
                ChunkBuilder.chunk()
                    .doubles(x.getName(), Arrays.copyOfRange(values, 1, values.length))
                    .build()
                    .getNumeric(0))
            .build();
    assertThat(p.accept(ChunkView.of(ragged))).isFalse();
    assertThat(p.broken()).contains("chunk 1").contains("5 values for 6 rows");
    assertThat(p.gap(sealed(2, 12))).isEqualTo(p.broken());
    assertThat(p.accept(ChunkView.of(SECOND))).as("nothing more once broken").isFalse();
  }

  @Test
  void pastTheExactLimitTheSketchBinsAroundTheFirstValues() {
    // 30000 training values 0..29999 in order, exact limit 1000: the bins are set from the first
    // thousand (mean 499.5, sd ~288.7, range -1810..2809), every later value beyond them goes to
    // the digest one by one; the median stays within the digest's error of 14999.5.
    Chunks.Row[] rows = new Chunks.Row[30_000];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(i + 1, 'T', i, "red", 1, "a");
    }
    RowChunk chunk = inSchemaOrder(Chunks.chunk(0, rows));
    StreamProfile p = StreamProfile.start(ChunkView.of(chunk), 1_000, 200);
    p.accept(ChunkView.of(chunk));
    ColumnStats x = p.profiler().numeric().get("x");
    assertThat(x.exact()).isFalse();
    assertThat(x.median()).isCloseTo(14_999.5, within(150.0));
    assertThat(x.q1()).isCloseTo(7_499.75, within(150.0));
  }
}
