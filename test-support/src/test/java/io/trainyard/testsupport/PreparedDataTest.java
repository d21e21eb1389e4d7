package io.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedDataTest {

  private static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("d").setVersion(3).setSpecHash("h").build();

  @Test
  void splitsSevenTwoOneByRowNumber() {
    assertThat(
            List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 19).stream().map(PreparedData::splitOf))
        .containsExactly(
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.VALIDATION,
            Split.VALIDATION,
            Split.TEST,
            Split.TRAIN,
            Split.VALIDATION,
            Split.TEST);
  }

  @Test
  void readsASmallFileStandardizesWithTheTrainingRowsAndCutsBatches(@TempDir Path dir)
      throws IOException {
    // 10 rows: 1..7 train, 8..9 validation, 10 test. a = row id, b = 5 everywhere.
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 1; i <= 10; i++) {
      csv.append(i).append(",5,").append(i % 2 == 0 ? "yes" : "no").append('\n');
    }
    Path file = dir.resolve("small.csv");
    Files.writeString(file, csv);

    PreparedData data = PreparedData.fromCsv(file);

    assertThat(data.featureNames()).containsExactly("a", "b");
    assertThat(data.classes()).containsExactly("no", "yes");
    assertThat(data.classCounts()).containsEntry("no", 5L).containsEntry("yes", 5L);
    assertThat(data.train().rows()).isEqualTo(7);
    assertThat(data.validation().rowIds()).containsExactly(8, 9);
    assertThat(data.test().rowIds()).containsExactly(10);
    // training a = 1..7: mean 4, population std 2; b constant: divided by 1
    assertThat(data.standardizer().mean()).containsExactly(4.0, 5.0);
    assertThat(data.standardizer().std()).containsExactly(2.0, 1.0);
    assertThat(data.train().row(0)).containsExactly(-1.5f, 0f);
    assertThat(data.test().row(0)).containsExactly(3f, 0f);
    assertThat(data.train().y()).containsExactly(0, 1, 0, 1, 0, 1, 0);

    List<PreparedBatch> batches = data.batches(REF, Split.TRAIN, 3);
    assertThat(batches).extracting(PreparedBatch::getRows).containsExactly(3, 3, 1);
    assertThat(batches).extracting(PreparedBatch::getBatchIndex).containsExactly(0L, 1L, 2L);
    assertThat(batches).allSatisfy(b -> assertThat(b.getDataset()).isEqualTo(REF));
    assertThat(batches).allSatisfy(b -> assertThat(b.getSplit()).isEqualTo(Split.TRAIN));
    assertThat(batches).allSatisfy(b -> assertThat(b.getFeatures()).isEqualTo(2));
    assertThat(batches.get(1).getRowIdsList()).containsExactly(4L, 5L, 6L);
    assertThat(batches.get(1).getYList()).containsExactly(1, 0, 1);
    assertThat(batches.get(1).getXList()).containsExactly(0f, 0f, 0.5f, 0f, 1f, 0f);
    assertThat(batches.stream().map(PreparedBatch::getEventId).distinct()).hasSize(3);
  }

  @Test
  void refusesFilesOfAnotherShape(@TempDir Path dir) throws IOException {
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "a,b,label\n1,2,x\n3,y\n");
    assertThatThrownBy(() -> PreparedData.fromCsv(ragged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3: 2 fields, expected 3");
    Path text = dir.resolve("text.csv");
    Files.writeString(text, "a,label\n1,x\nNaN?,y\n");
    assertThatThrownBy(() -> PreparedData.fromCsv(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3: a is not a number");
    Path fine = dir.resolve("fine.csv");
    Files.writeString(fine, "a,label\n1,x\n2,y\n");
    assertThatThrownBy(() -> PreparedData.fromCsv(fine).batches(REF, Split.TRAIN, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch size");
  }

  @Test
  void breastCancerMatchesWhatAwkSays() {
    PreparedData data = BreastCancer.load();

    assertThat(data.rows()).isEqualTo(569);
    assertThat(data.features()).isEqualTo(30);
    assertThat(data.featureNames()).startsWith("mean_radius").endsWith("worst_fractal_dimension");
    assertThat(data.classes()).isEqualTo(BreastCancer.CLASSES);
    assertThat(data.classCounts()).containsEntry("benign", 357L).containsEntry("malignant", 212L);
    assertThat(data.train().rows()).isEqualTo(399);
    assertThat(data.validation().rows()).isEqualTo(114);
    assertThat(data.test().rows()).isEqualTo(56);
    assertThat(count(data.test().y(), 0)).isEqualTo(35);
    assertThat(count(data.test().y(), 1)).isEqualTo(21);
    assertThat(count(data.train().y(), 1)).isEqualTo(151);
    // awk over the training rows: mean_radius mean 14.1661152882, population sd 3.6219018940;
    // row 1 (17.99, malignant) standardizes to 1.0557670593
    assertThat(data.standardizer().mean()[0]).isCloseTo(14.1661152882, within(1e-9));
    assertThat(data.standardizer().std()[0]).isCloseTo(3.6219018940, within(1e-9));
    assertThat(data.train().row(0)[0]).isCloseTo(1.0557670593f, within(1e-6f));
    assertThat(data.train().y()[0]).isEqualTo(1);
    // the last row (569, validation): worst_fractal_dimension 0.07039 -> -0.7783526053
    SplitRows validation = data.validation();
    assertThat(validation.rowIds()[validation.rows() - 1]).isEqualTo(569);
    assertThat(validation.row(validation.rows() - 1)[29]).isCloseTo(-0.7783526f, within(1e-6f));

    List<PreparedBatch> train = data.batches(REF, Split.TRAIN, BreastCancer.BATCH_SIZE);
    assertThat(train).hasSize(7); // 6 × 64 + 15
    assertThat(train.get(6).getRows()).isEqualTo(15);
    assertThat(train.get(0).getXCount()).isEqualTo(64 * 30);
    assertThat(BreastCancer.specJson()).contains("\"breast-cancer\"");
  }

  private static long count(int[] y, int label) {
    return Arrays.stream(y).filter(v -> v == label).count();
  }
}
