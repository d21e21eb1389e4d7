package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.wire.ChunkView;
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
  void stripesAddUpToTheWhole() {
    Profiler whole = new Profiler(Chunks.SCHEMA, 100, 100);
    whole.accept(CleanerTest.FIRST);
    whole.accept(CleanerTest.SECOND);

    Profiler striped = new Profiler(Chunks.SCHEMA, 100, 100);
    for (RowChunk chunk : new RowChunk[] {CleanerTest.FIRST, CleanerTest.SECOND}) {
      striped.accept(ChunkView.of(chunk), 1, 2);
      striped.accept(ChunkView.of(chunk), 0, 2);
    }
    assertSame(striped, whole);
    assertThat(striped.numeric().get("x").median()).isEqualTo(4.5);
  }
}
