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
    BatchBuilder b =
        new BatchBuilder(TestChunks.REF, Split.VALIDATION, 2, 3, BatchBuilder.parsing(out::add));
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
  void batchesAreTheBytesTheGeneratedSerializerWrites() {
    // 3 rows x 4 features with negative, fractional and huge values; ids past one varint byte.
    List<EncodedBatch> out = new ArrayList<>();
    BatchBuilder b = new BatchBuilder(TestChunks.REF, Split.TEST, 2, 4, out::add);
    float[] src = {-1.5f, 0f, 3e30f, 1e-30f, 7f, -0f, 2.25f, 1f, 0.1f, 0.2f, 0.3f, 0.4f};
    long[] ids = {1, 300, 1L << 40};
    int[] y = {0, 7, 200};
    for (int r = 0; r < 3; r++) {
      b.add(src, r, y[r], ids[r]);
    }
    b.flush();
    assertThat(out).hasSize(2);
    for (int k = 0; k < 2; k++) {
      int first = 2 * k;
      int rows = k == 0 ? 2 : 1;
      PreparedBatch.Builder expected =
          PreparedBatch.newBuilder()
              .setEventId(BatchBuilder.eventId(TestChunks.REF, Split.TEST, k))
              .setDataset(TestChunks.REF)
              .setSplit(Split.TEST)
              .setBatchIndex(k)
              .setRows(rows)
              .setFeatures(4);
      for (int r = first; r < first + rows; r++) {
        for (int f = 0; f < 4; f++) {
          expected.addX(src[r * 4 + f]);
        }
        expected.addY(y[r]).addRowIds(ids[r]);
      }
      assertThat(out.get(k).bytes()).isEqualTo(expected.build().toByteArray());
      assertThat(out.get(k).split()).isEqualTo(Split.TEST);
      assertThat(out.get(k).batchIndex()).isEqualTo(k);
    }
  }

  @Test
  void eventIdsAreStablePerVersionSplitAndIndex() {
    assertThat(BatchBuilder.eventId(TestChunks.REF, Split.TRAIN, 0))
        .isEqualTo(BatchBuilder.eventId(TestChunks.REF, Split.TRAIN, 0))
        .isNotEqualTo(BatchBuilder.eventId(TestChunks.REF, Split.TEST, 0))
        .isNotEqualTo(BatchBuilder.eventId(TestChunks.REF, Split.TRAIN, 1));
  }
}
