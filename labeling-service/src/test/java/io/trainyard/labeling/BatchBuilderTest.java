package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

  @Test
  void fiveRowsInBatchesOfTwoAreTwoFullBatchesAndARemainder() {
    List<PreparedBatch> out = new ArrayList<>();
    BatchBuilder b = new BatchBuilder(TestChunks.REF, Split.VALIDATION, 2, 3, out::add);
    // src: 5 rows x 3 features; row r = (r, r + 0.5, -r)
    float[] src = new float[15];
    for (int r = 0; r < 5; r++) {
      src[r * 3] = r;
      src[r * 3 + 1] = r + 0.5f;
      src[r * 3 + 2] = -r;
    }
    for (int r = 0; r < 5; r++) {
      b.add(src, r, r % 2, 100 + r);
    }
    assertThat(out).hasSize(2);
    b.flush();
    assertThat(out).hasSize(3);
    b.flush();
    assertThat(out).hasSize(3);

    PreparedBatch first = out.get(0);
    assertThat(first.getRows()).isEqualTo(2);
    assertThat(first.getFeatures()).isEqualTo(3);
    assertThat(first.getXList()).containsExactly(0f, 0.5f, 0f, 1f, 1.5f, -1f);
    assertThat(first.getYList()).containsExactly(0, 1);
    assertThat(first.getRowIdsList()).containsExactly(100L, 101L);
    assertThat(first.getSplit()).isEqualTo(Split.VALIDATION);
    assertThat(first.getDataset()).isEqualTo(TestChunks.REF);

    PreparedBatch last = out.get(2);
    assertThat(last.getBatchIndex()).isEqualTo(2);
    assertThat(last.getRows()).isEqualTo(1);
    assertThat(last.getXList()).containsExactly(4f, 4.5f, -4f);
    assertThat(last.getYList()).containsExactly(0);
    assertThat(last.getRowIdsList()).containsExactly(104L);

    assertThat(out).extracting(PreparedBatch::getBatchIndex).containsExactly(0L, 1L, 2L);
    assertThat(out).extracting(PreparedBatch::getEventId).doesNotHaveDuplicates();
    assertThat(b.rows()).isEqualTo(5);
    assertThat(b.batches()).isEqualTo(3);
  }

  @Test
  void eventIdsAreStablePerVersionSplitAndIndex() {
    assertThat(BatchBuilder.eventId(TestChunks.REF, Split.TRAIN, 0))
        .isEqualTo(BatchBuilder.eventId(TestChunks.REF, Split.TRAIN, 0))
        .isNotEqualTo(BatchBuilder.eventId(TestChunks.REF, Split.TEST, 0))
        .isNotEqualTo(BatchBuilder.eventId(TestChunks.REF, Split.TRAIN, 1));
  }
}
