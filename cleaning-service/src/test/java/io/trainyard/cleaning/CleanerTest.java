package io.trainyard.cleaning;

import static io.trainyard.cleaning.Chunks.chunk;
import static io.trainyard.cleaning.Chunks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two raw chunks whose training x values are 2,4,4,4,5,5,7,9 (+ one missing): mean 5, population
 * std 2, median 4.5, q1 4, q3 5.5. Validation and test rows hold outliers (20, -10) that must not
 * move the statistics. Training colors: red 4, blue 3, green 1, missing 1: mode red. y is 3
 * everywhere (std 0).
 */
class CleanerTest {

  private static final double NaN = Double.NaN;

  static final RowChunk FIRST =
      chunk(
          0,
          row(1, 'T', 2, "red", 3, "a"),
          row(2, 'T', 4, "blue", 3, "b"),
          row(3, 'T', 4, "red", 3, "a"),
          row(4, 'V', 20, "", 3, "a"),
          row(5, 'T', NaN, "blue", 3, "b"),
          row(6, 'E', -10, "green", 3, "a"));
  static final RowChunk SECOND =
      chunk(
          1,
          row(7, 'T', 4, "red", 3, "b"),
          row(8, 'T', 5, "", 3, "a"),
          row(9, 'T', 5, "green", 3, "b"),
          row(10, 'E', NaN, "", 3, "a"),
          row(11, 'T', 7, "blue", 3, "a"),
          row(12, 'T', 9, "red", 3, "b"));

  private static Profiler profile() {
    Profiler p = new Profiler(Chunks.SCHEMA, 10_000, 100);
    p.accept(FIRST);
    p.accept(SECOND);
    return p;
  }

  private static PipelineSpec.Cleaning cleaning(
      String impute, String method, double threshold, String action) {
    return new PipelineSpec.Cleaning(
        impute, new PipelineSpec.Outliers(method, threshold, action), "standard", false);
  }

  @Test
  void pass1SeesTrainingRowsOnly() {
    Profiler p = profile();
    assertThat(p.rows()).isEqualTo(12);
    assertThat(p.trainRows()).isEqualTo(9);
    ColumnStats x = p.numeric().get("x");
    assertThat(x.count()).isEqualTo(8);
    assertThat(x.missing()).isEqualTo(1);
    assertThat(x.mean()).isCloseTo(5.0, within(1e-12));
    assertThat(x.stddev()).isCloseTo(2.0, within(1e-12));
    assertThat(x.min()).isEqualTo(2.0);
    assertThat(x.max()).isEqualTo(9.0);
    assertThat(p.categorical().get("color").mode()).isEqualTo("red");
    assertThat(p.numeric().keySet()).containsExactly("x", "y");
  }

  @Test
  void zscoreClipImputesClipsAndScalesEveryRowWithTrainingStatistics() {
    Cleaner cleaner = new Cleaner(profile().plan(cleaning("mean", "zscore", 1.5, "clip")), 12);
    RowChunk a = cleaner.clean(FIRST);
    RowChunk b = cleaner.clean(SECOND);

    // bounds 5 -/+ 3 = [2, 8]; (v - 5) / 2; missing -> 5 -> 0.
    // row 4 (validation) 20 -> 8 -> 1.5; row 6 (test) -10 -> 2 -> -1.5; row 12: 9 -> 8 -> 1.5.
    assertThat(Chunks.values(a, "x")).containsExactly(-1.5, -0.5, -0.5, 1.5, 0.0, -1.5);
    assertThat(Chunks.values(b, "x")).containsExactly(-0.5, 0.0, 0.0, 0.0, 1.0, 1.5);
    // y: std 0 -> scale 1, every value (3 - 3) / 1.
    assertThat(Chunks.values(a, "y")).containsOnly(0.0);
    // missing colors (rows 4, 8, 10) take the training mode.
    assertThat(Chunks.strings(a, "color"))
        .containsExactly("red", "blue", "red", "red", "blue", "green");
    assertThat(Chunks.strings(b, "color"))
        .containsExactly("red", "red", "green", "red", "blue", "red");
    // labels, row ids and splits pass through.
    assertThat(ChunkView.of(a).rowIds()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(ChunkView.of(a).labels()).isEqualTo(ChunkView.of(FIRST).labels());
    assertThat(a.getSplitsList()).isEqualTo(FIRST.getSplitsList());
    assertThat(a.getDataset()).isEqualTo(Chunks.REF);
    assertThat(a.getChunkIndex()).isZero();

    assertThat(cleaner.rowsIn()).isEqualTo(12);
    assertThat(cleaner.rowsOut()).isEqualTo(12);
    assertThat(cleaner.valuesImputed()).isEqualTo(2 + 3);
    assertThat(cleaner.valuesClipped()).isEqualTo(3);
    assertThat(cleaner.splitCounts().getTrain()).isEqualTo(9);
    assertThat(cleaner.splitCounts().getValidation()).isEqualTo(1);
    assertThat(cleaner.splitCounts().getTest()).isEqualTo(2);

    List<ColumnProfile> profiles = cleaner.profiles();
    assertThat(profiles).extracting(ColumnProfile::getName).containsExactly("x", "y", "color");
    ColumnProfile x = profiles.get(0);
    assertThat(x.getCount()).isEqualTo(8);
    assertThat(x.getMissing()).isEqualTo(1);
    assertThat(x.getMean()).isCloseTo(5.0, within(1e-12));
    assertThat(x.getStddev()).isCloseTo(2.0, within(1e-12));
    assertThat(x.getMedian()).isCloseTo(4.5, within(1e-12));
    assertThat(x.getQ1()).isCloseTo(4.0, within(1e-12));
    assertThat(x.getQ3()).isCloseTo(5.5, within(1e-12));
    assertThat(x.getImputed()).isEqualTo(2);
    assertThat(x.getOutliersClipped()).isEqualTo(3);
    assertThat(x.getOutliersDropped()).isZero();
    assertThat(profiles.get(2).getImputed()).isEqualTo(3);
    assertThat(profiles.get(2).getMissing()).isEqualTo(1);
  }

  @Test
  void dropRemovesTrainingOutliersOnlyAndClipsTheOthers() {
    Cleaner cleaner = new Cleaner(profile().plan(cleaning("mean", "zscore", 1.5, "drop")), 12);
    RowChunk a = cleaner.clean(FIRST);
    RowChunk b = cleaner.clean(SECOND);
    // row 12 (train, 9 > 8) dropped; rows 4 (validation) and 6 (test) clipped.
    assertThat(ChunkView.of(a).rowIds()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(ChunkView.of(b).rowIds()).containsExactly(7, 8, 9, 10, 11);
    assertThat(Chunks.values(b, "x")).containsExactly(-0.5, 0.0, 0.0, 0.0, 1.0);
    assertThat(ChunkView.of(b).labels()).containsExactly("b", "a", "b", "a", "a");
    assertThat(Chunks.strings(b, "color")).hasSize(5);
    assertThat(Chunks.values(b, "y")).hasSize(5);
    assertThat(cleaner.rowsOut()).isEqualTo(11);
    assertThat(cleaner.rowsDropped()).isEqualTo(1);
    assertThat(cleaner.outlierRowsDropped()).isEqualTo(1);
    assertThat(cleaner.splitCounts().getTrain()).isEqualTo(8);
    ColumnProfile x = cleaner.profiles().get(0);
    assertThat(x.getOutliersDropped()).isEqualTo(1);
    assertThat(x.getOutliersClipped()).isEqualTo(2);
  }

  @Test
  void iqrWithMedianImputation() {
    Cleaner cleaner = new Cleaner(profile().plan(cleaning("median", "iqr", 1.5, "clip")), 12);
    RowChunk a = cleaner.clean(FIRST);
    RowChunk b = cleaner.clean(SECOND);
    // bounds [1.75, 7.75]; missing -> median 4.5; scaled with mean 5, std 2:
    // 2 -> -1.5, 4 -> -0.5, 20 -> 7.75 -> 1.375, 4.5 -> -0.25, -10 -> 1.75 -> -1.625,
    // 7 -> 1, 9 -> 7.75 -> 1.375.
    assertThat(Chunks.values(a, "x")).containsExactly(-1.5, -0.5, -0.5, 1.375, -0.25, -1.625);
    assertThat(Chunks.values(b, "x")).containsExactly(-0.5, 0.0, 0.0, -0.25, 1.0, 1.375);
    assertThat(cleaner.valuesClipped()).isEqualTo(3);
  }

  @Test
  void chunkWhoseRowsAreAllDroppedGivesNothing() {
    Cleaner cleaner = new Cleaner(profile().plan(cleaning("mean", "zscore", 1.5, "drop")), 12);
    assertThat(cleaner.clean(chunk(5, row(40, 'T', 100, "red", 3, "a")))).isNull();
    assertThat(cleaner.rowsIn()).isEqualTo(1);
    assertThat(cleaner.rowsOut()).isZero();
  }

  @Test
  void duplicatesOfFeaturesAndLabelAreDroppedAcrossChunksAndSplits() {
    RowChunk c1 =
        chunk(
            0,
            row(1, 'T', 1, "red", 0, "a"),
            row(2, 'T', 1, "red", 0, "a"), // duplicate of 1
            row(3, 'T', 1, "red", 0, "b"), // other label: kept
            row(4, 'T', NaN, "", 0, "a"),
            row(5, 'V', NaN, "", 0, "a"), // missing equals missing: duplicate of 4
            row(6, 'T', 1, "blue", 0, "a")); // other color: kept
    RowChunk c2 = chunk(1, row(7, 'E', 1, "red", 0, "a"), row(8, 'E', -0.0, "red", 0.0, "a"));
    Profiler p = new Profiler(Chunks.SCHEMA, 100, 100);
    p.accept(c1);
    p.accept(c2);
    var spec =
        new PipelineSpec.Cleaning(
            "mean", new PipelineSpec.Outliers("none", null, null), "none", true);
    Cleaner cleaner = new Cleaner(p.plan(spec), 8);
    RowChunk a = cleaner.clean(c1);
    RowChunk b = cleaner.clean(c2);
    assertThat(ChunkView.of(a).rowIds()).containsExactly(1, 3, 4, 6);
    // 7 repeats 1; 8 (x = -0.0) is new.
    assertThat(ChunkView.of(b).rowIds()).containsExactly(8);
    assertThat(cleaner.duplicatesDropped()).isEqualTo(3);
    assertThat(cleaner.rowsDropped()).isEqualTo(3);
    assertThat(cleaner.splitCounts().getValidation()).isZero();
  }

  @Test
  void chunkEventIdsAreStable() {
    assertThat(Cleaner.chunkEventId("toy", 1, 3)).isEqualTo(Cleaner.chunkEventId("toy", 1, 3));
    assertThat(Cleaner.chunkEventId("toy", 1, 3)).isNotEqualTo(Cleaner.chunkEventId("toy", 2, 3));
  }
}
