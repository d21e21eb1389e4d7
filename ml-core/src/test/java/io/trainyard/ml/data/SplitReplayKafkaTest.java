package io.trainyard.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.ml.train.TrainingData;
import io.trainyard.testsupport.BreastCancer;
import io.trainyard.testsupport.SplitRows;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.RangeReader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Replays real PreparedBatches from the devstack broker, two versions sharing one key. */
class SplitReplayKafkaTest {

  @Test
  void readsBackTheRowsOfOneVersionAndSplitInRowOrder() {
    TestKafka kafka = TestKafka.forTests();
    String id = "bc-replay-" + UUID.randomUUID();
    DatasetRef v1 = DatasetRef.newBuilder().setDatasetId(id).setVersion(1).build();
    DatasetRef v2 = v1.toBuilder().setVersion(2).build();
    DatasetPrepared first = BreastCancer.publishBatches(kafka, v1, "");
    DatasetPrepared second = BreastCancer.publishBatches(kafka, v2, "");
    RangeReader reader = new RangeReader(kafka.clients());

    // v2's validation ranges, widened to start at v1's: v1's batches in them are skipped.
    var widened =
        second.getValidation().toBuilder()
            .setRanges(
                0,
                second.getValidation().getRanges(0).toBuilder()
                    .setFromOffset(first.getValidation().getRanges(0).getFromOffset()))
            .build();
    TrainingData.Builder data = TrainingData.builder(30);
    long rows = new SplitReplay(v2, Split.VALIDATION, 30, data::add).replay(reader, widened);

    SplitRows expected = BreastCancer.load().validation();
    assertThat(rows).isEqualTo(114);
    TrainingData read = data.build();
    assertThat(read.x()).isEqualTo(expected.x());
    assertThat(read.y()).isEqualTo(expected.y());

    var wrongCount = first.getTest().toBuilder().setRows(57).build();
    assertThatThrownBy(
            () -> new SplitReplay(v1, Split.TEST, 30, (x, y) -> {}).replay(reader, wrongCount))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("replayed 56 test rows of " + id + " v1, the prepared data set says 57");
  }
}
