package io.trainyard.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitReplayTest {

  private static final DatasetRef V2 =
      DatasetRef.newBuilder().setDatasetId("d").setVersion(2).setSpecHash("h").build();

  /** A batch of {@code rows} rows of 2 features: row r of batch i is (10·i + r, −(10·i + r)). */
  private static PreparedBatch batch(DatasetRef ref, Split split, long index, int rows) {
    PreparedBatch.Builder b =
        PreparedBatch.newBuilder()
            .setDataset(ref)
            .setSplit(split)
            .setBatchIndex(index)
            .setRows(rows)
            .setFeatures(2);
    for (int r = 0; r < rows; r++) {
      float v = 10 * index + r;
      b.addX(v).addX(-v).addY(r % 2);
    }
    return b.build();
  }

  @Test
  void passesOnTheRowsOfOneSplitOfOneVersionEachBatchOnce() {
    List<float[]> xs = new ArrayList<>();
    List<int[]> ys = new ArrayList<>();
    SplitReplay replay =
        new SplitReplay(
            V2,
            Split.TEST,
            2,
            (x, y) -> {
              xs.add(x);
              ys.add(y);
            });

    replay.accept(batch(V2, Split.TEST, 0, 2));
    replay.accept(batch(V2.toBuilder().setVersion(1).build(), Split.TEST, 1, 5)); // older version
    replay.accept(batch(V2.toBuilder().setDatasetId("e").build(), Split.TEST, 1, 5)); // other set
    replay.accept(batch(V2, Split.TRAIN, 1, 5)); // other split
    replay.accept(batch(V2, Split.TEST, 0, 2)); // the same batch again
    replay.accept(batch(V2, Split.TEST, 1, 1));

    assertThat(replay.rows()).isEqualTo(3);
    assertThat(replay.batches()).isEqualTo(2);
    assertThat(xs).containsExactly(new float[] {0, -0f, 1, -1}, new float[] {10, -10});
    assertThat(ys).containsExactly(new int[] {0, 1}, new int[] {0});
    replay.requireRows(3);
    assertThatThrownBy(() -> replay.requireRows(4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("replayed 3 test rows of d v2, the prepared data set says 4");
  }

  @Test
  void refusesBatchesOfTheWrongShape() {
    SplitReplay replay = new SplitReplay(V2, Split.TRAIN, 3, (x, y) -> {});
    assertThatThrownBy(() -> replay.accept(batch(V2, Split.TRAIN, 4, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("train batch 4 has 2 features, expected 3");

    SplitReplay two = new SplitReplay(V2, Split.TRAIN, 2, (x, y) -> {});
    PreparedBatch short1 = batch(V2, Split.TRAIN, 0, 2).toBuilder().setRows(3).build();
    assertThatThrownBy(() -> two.accept(short1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("train batch 0 does not hold rows × features values");
    assertThatThrownBy(() -> new SplitReplay(V2, Split.TRAIN, 0, (x, y) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
