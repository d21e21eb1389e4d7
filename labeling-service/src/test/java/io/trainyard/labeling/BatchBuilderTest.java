package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.testsupport.RandomChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
  void randomBatchesAreTheBytesTheGeneratedSerializerWrites() {
    // Any float (NaN, infinities, -0.0, any bits), class indexes and row ids of every size, no
    // features at all, batches of one row or many, a partial last batch.
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      int features = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(40);
      int batchSize = 1 + random.nextInt(50);
      int rows = random.nextInt(200);
      Split split = Split.forNumber(1 + random.nextInt(3));
      float[] src = new float[rows * features];
      for (int i = 0; i < src.length; i++) {
        src[i] = RandomChunks.floatNumber(random);
      }
      int[] y = new int[rows];
      long[] ids = new long[rows];
      List<EncodedBatch> out = new ArrayList<>();
      BatchBuilder b = new BatchBuilder(TestChunks.REF, split, batchSize, features, out::add);
      for (int r = 0; r < rows; r++) {
        y[r] = random.nextBoolean() ? random.nextInt(3) : random.nextInt(Integer.MAX_VALUE);
        ids[r] = random.nextBoolean() ? r + 1 : random.nextLong();
        b.add(src, r, y[r], ids[r]);
      }
      b.flush();
      assertThat(out).hasSize((rows + batchSize - 1) / batchSize);
      for (int k = 0; k < out.size(); k++) {
        PreparedBatch.Builder expected =
            PreparedBatch.newBuilder()
                .setEventId(BatchBuilder.eventId(TestChunks.REF, split, k))
                .setDataset(TestChunks.REF)
                .setSplit(split)
                .setBatchIndex(k)
                .setRows(Math.min(batchSize, rows - k * batchSize))
                .setFeatures(features);
        for (int r = k * batchSize; r < Math.min(rows, (k + 1) * batchSize); r++) {
          for (int f = 0; f < features; f++) {
            expected.addX(src[r * features + f]);
          }
          expected.addY(y[r]).addRowIds(ids[r]);
        }
        assertThat(out.get(k).bytes())
            .as("trial %d batch %d", trial, k)
            .isEqualTo(expected.build().toByteArray());
      }
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
