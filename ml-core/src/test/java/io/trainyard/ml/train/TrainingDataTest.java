package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingDataTest {

  private static TrainingData.Builder addRows(TrainingData.Builder b, int first, int count) {
    float[] x = new float[count * 2];
    int[] y = new int[count];
    for (int i = 0; i < count; i++) {
      x[2 * i] = first + i;
      x[2 * i + 1] = -(first + i);
      y[i] = (first + i) % 3;
    }
    return b.add(x, y);
  }

  @Test
  void aBuilderSizedForTheRowsThatComeBuildsTheSplitWithoutAnotherCopy() {
    TrainingData.Builder b = TrainingData.builder(2, 5);
    addRows(addRows(b, 0, 3), 3, 2);
    TrainingData data = b.build();

    assertThat(data.rows()).isEqualTo(5);
    assertThat(data.x()).containsExactly(0, 0, 1, -1, 2, -2, 3, -3, 4, -4);
    assertThat(data.y()).containsExactly(0, 1, 2, 0, 1);
    // The builder's own arrays: a split that is most of the heap is never held twice.
    assertThat(b.build().x()).isSameAs(data.x());
  }

  @Test
  void moreOrFewerRowsThanExpectedGiveTheSameSplit() {
    TrainingData exact = addRows(TrainingData.builder(2, 7), 0, 7).build();
    TrainingData grown = addRows(addRows(TrainingData.builder(2, 2), 0, 4), 4, 3).build();
    TrainingData trimmed = addRows(TrainingData.builder(2, 100), 0, 7).build();
    TrainingData unsized = addRows(TrainingData.builder(2), 0, 7).build();

    for (TrainingData d : new TrainingData[] {grown, trimmed, unsized}) {
      assertThat(d.x()).containsExactly(exact.x());
      assertThat(d.y()).containsExactly(exact.y());
      assertThat(d.features()).isEqualTo(2);
    }
  }
}
