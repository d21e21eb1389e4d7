package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.spec.PipelineSpec;
import org.junit.jupiter.api.Test;

class ProfilerTest {

  private static void assertSame(Profiler actual, Profiler expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.trainRows()).isEqualTo(expected.trainRows());
    assertThat(actual.chunks()).isEqualTo(expected.chunks());
    for (String name : expected.numeric().keySet()) {
      ColumnStats a = actual.numeric().get(name);
      ColumnStats e = expected.numeric().get(name);
      assertThat(a.count()).isEqualTo(e.count());
      assertThat(a.missing()).isEqualTo(e.missing());
      assertThat(a.mean()).isEqualTo(e.mean());
      assertThat(a.stddev()).isEqualTo(e.stddev());
      assertThat(a.median()).isEqualTo(e.median());
      assertThat(a.q1()).isEqualTo(e.q1());
    }
    assertThat(actual.categorical().get("color").mode())
        .isEqualTo(expected.categorical().get("color").mode());
  }

  @Test
  void stripesAndPartsAddUpToTheWhole() {
    Profiler whole = new Profiler(Chunks.SCHEMA, 100, 100);
    whole.accept(CleanerTest.FIRST);
    whole.accept(CleanerTest.SECOND);

    Profiler striped = new Profiler(Chunks.SCHEMA, 100, 100);
    for (var chunk :
        new io.trainyard.contracts.events.v1.RowChunk[] {CleanerTest.FIRST, CleanerTest.SECOND}) {
      striped.accept(chunk, 1, 2, Profiler.Part.MOMENTS);
      striped.accept(chunk, 0, 2, Profiler.Part.MOMENTS);
    }
    for (var chunk :
        new io.trainyard.contracts.events.v1.RowChunk[] {CleanerTest.FIRST, CleanerTest.SECOND}) {
      striped.accept(chunk, 0, 1, Profiler.Part.QUANTILES);
    }
    assertSame(striped, whole);
    assertThat(striped.numeric().get("x").median()).isEqualTo(4.5);
  }

  @Test
  void onlyMedianImputationAndIqrNeedQuantilesBeforePass2() {
    assertThat(Profiler.planNeedsQuantiles(new PipelineSpec.Cleaning(null, null, null, null)))
        .isFalse();
    assertThat(Profiler.planNeedsQuantiles(new PipelineSpec.Cleaning("median", null, null, null)))
        .isTrue();
    assertThat(
            Profiler.planNeedsQuantiles(
                new PipelineSpec.Cleaning(
                    null, new PipelineSpec.Outliers("iqr", null, null), null, null)))
        .isTrue();
  }
}
