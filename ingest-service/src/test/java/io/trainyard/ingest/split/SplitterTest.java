package io.trainyard.ingest.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.spec.PipelineSpec;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Expected values were worked out independently: hashes and small assignments with Python's hashlib
 * and decimal modules, proportions by hand.
 */
class SplitterTest {

  static final PipelineSpec.Split DEFAULT = new PipelineSpec.Split(null, null, null, null);

  @Test
  void rowHashIsTheSha256PrefixOfDatasetIdColonRowId() {
    // python3: int.from_bytes(hashlib.sha256(b"breast-cancer:1").digest()[:8], "big")
    assertThat(Splitter.rowHash("breast-cancer", 1)).isEqualTo(0x0659f645ac50110eL);
    assertThat(Splitter.rowHash("breast-cancer", 2)).isEqualTo(0xe9aaefaad34720eeL);
    assertThat(Splitter.rowHash("breast-cancer", 3)).isEqualTo(0x0e26f539e24f93d1L);
    assertThat(Splitter.rowHash("breast-cancer", 569)).isEqualTo(0xe582c43f398780c8L);
    assertThat(Splitter.rowHash("iris", 1)).isEqualTo(0x6b6eb97826db5168L);
  }

  @Test
  void oneHasherHashesRowIdsOfEveryLengthAsTheirDecimalText() throws Exception {
    // One hasher reused across ids of different lengths and signs, against SHA-256 of the text.
    Splitter.RowHasher hasher = new Splitter.RowHasher("d");
    long[] ids = {1, 0, 9, 10, 99, 100, -1, -123, 1234567, 5, Long.MAX_VALUE, Long.MIN_VALUE, 42};
    for (long id : ids) {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(("d:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(hasher.hash(id)).as("row %d", id).isEqualTo(java.nio.ByteBuffer.wrap(d).getLong());
    }
  }

  static String letters(Splitter.Assignment a) {
    StringBuilder s = new StringBuilder();
    for (byte b : a.splits()) {
      s.append(b == Splitter.TRAIN ? 'T' : b == Splitter.VALIDATION ? 'V' : 'S');
    }
    return s.toString();
  }

  @Test
  void stratifiedAssignmentOfASmallDataSet() {
    // 20 rows of "iris", label 1 on every third row: 14 of label 0, 6 of label 1.
    int[] labels = new int[20];
    for (int r = 1; r <= 20; r++) {
      labels[r - 1] = r % 3 == 0 ? 1 : 0;
    }
    Splitter.Assignment a = Splitter.assign("iris", 20, labels, 2, DEFAULT);
    // Python: within each label, rows sorted by (hash, id), cut at round-half-up(n*0.7), (n*0.9).
    assertThat(letters(a)).isEqualTo("TVSSTTTTTTTTTTVVTTTV");
    // label 0: 14 rows -> 10 / 3 / 1; label 1: 6 rows -> 4 / 1 / 1
    assertThat(a.counts()).isEqualTo(new Splitter.Counts(14, 4, 2));
  }

  @Test
  void stratifiedProportionsPerLabelMatchTheRoundedFractions() {
    // The breast cancer shape: 357 benign (0) and 212 malignant (1), interleaved.
    int rows = 569;
    int[] labels = new int[rows];
    int malignant = 0;
    for (int r = 0; r < rows; r++) {
      labels[r] = (r % 8 < 3 && malignant < 212) ? 1 : 0;
      if (labels[r] == 1) {
        malignant++;
      }
    }
    assertThat(malignant).isEqualTo(212);
    Splitter.Assignment a = Splitter.assign("breast-cancer", rows, labels, 2, DEFAULT);
    long[][] perLabel = new long[2][4];
    for (int r = 0; r < rows; r++) {
      perLabel[labels[r]][a.splits()[r]]++;
    }
    // benign: 357 * 0.7 = 249.9 -> 250; 357 * 0.9 = 321.3 -> 321: 250 / 71 / 36
    assertThat(perLabel[0]).containsExactly(0, 250, 71, 36);
    // malignant: 212 * 0.7 = 148.4 -> 148; 212 * 0.9 = 190.8 -> 191: 148 / 43 / 21
    assertThat(perLabel[1]).containsExactly(0, 148, 43, 21);
    assertThat(a.counts()).isEqualTo(new Splitter.Counts(398, 114, 57));
  }

  @Test
  void unlabeledRowsAreAStratumOfTheirOwn() {
    int[] labels = new int[30];
    for (int r = 0; r < 30; r++) {
      labels[r] = r < 10 ? -1 : r % 2;
    }
    Splitter.Assignment a = Splitter.assign("u", 30, labels, 2, DEFAULT);
    long[] unlabeled = new long[4];
    for (int r = 0; r < 10; r++) {
      unlabeled[a.splits()[r]]++;
    }
    // 10 rows: 7 / 2 / 1
    assertThat(unlabeled).containsExactly(0, 7, 2, 1);
  }

  @Test
  void sameRowSameSplitOnEveryRun() {
    int[] labels = new int[1000];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = r % 3;
    }
    Splitter.Assignment first = Splitter.assign("stable", 1000, labels, 3, DEFAULT);
    Splitter.Assignment second = Splitter.assign("stable", 1000, labels.clone(), 3, DEFAULT);
    assertThat(second.splits()).isEqualTo(first.splits());
    assertThat(first.split(1)).isEqualTo(second.split(1));
    // Another data set id shuffles differently.
    assertThat(Splitter.assign("other", 1000, labels, 3, DEFAULT).splits())
        .isNotEqualTo(first.splits());
  }

  @Test
  void unstratifiedGoesByHashOverTwoToTheSixtyFour() {
    Splitter.Assignment a = Splitter.assign("iris", 20, null, 0, DEFAULT);
    // Python: u = hash / 2**64 against 0.7 and 0.9.
    assertThat(letters(a)).isEqualTo("TSSSTVTTTTTTTTVTTTTS");
    Splitter.Assignment big = Splitter.assign("sensors", 10_000, null, 0, DEFAULT);
    assertThat(big.counts().train()).isEqualTo(6990);
    assertThat(big.counts().validation()).isEqualTo(1964);
    assertThat(big.counts().test()).isEqualTo(10_000 - 6990 - 1964);
  }

  @Test
  void roundingIsHalfUpInExactDecimals() {
    // 5 * 0.7 = 3.5 -> 4 and 5 * (0.7 + 0.2) = 4.5 -> 5, though 0.7 + 0.2 != 0.9 in doubles.
    BigDecimal train = Splitter.decimal(0.7);
    assertThat(Splitter.round(5, train)).isEqualTo(4);
    assertThat(Splitter.round(5, train.add(Splitter.decimal(0.2)))).isEqualTo(5);
    assertThat(Splitter.round(569, train)).isEqualTo(398);
  }

  @Test
  void zeroValidationFractionLeavesValidationEmpty() {
    PipelineSpec.Split noValidation = new PipelineSpec.Split(0.8, 0.0, 0.2, true);
    int[] labels = new int[100];
    for (int r = 0; r < 100; r++) {
      labels[r] = r % 2;
    }
    Splitter.Assignment a = Splitter.assign("z", 100, labels, 2, noValidation);
    assertThat(a.counts()).isEqualTo(new Splitter.Counts(80, 0, 20));
  }

  @Test
  void stratifiedCutsAreThoseOfSortingByHashThenRowIdEvenWithCollidingHashes() {
    // The definition, by sorting, against the assignment (which selects the two ranks instead),
    // on hashes drawn from a few values so that rows collide at the cuts.
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + random.nextInt(200);
      int groups = 1 + random.nextInt(3);
      long[] hashes = new long[rows];
      int[] labels = new int[rows];
      int values = 1 + random.nextInt(6);
      for (int r = 0; r < rows; r++) {
        hashes[r] = random.nextInt(values) * 0x1234_5678_9abc_def1L; // some above 2^63
        labels[r] = random.nextInt(groups + 1) - 1; // -1: unlabeled
      }
      byte[] expected = new byte[rows];
      for (int g = -1; g < groups; g++) {
        java.util.List<Integer> members = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) {
          if (labels[r] == g) {
            members.add(r);
          }
        }
        members.sort(
            (a, b) ->
                hashes[a] != hashes[b]
                    ? Long.compareUnsigned(hashes[a], hashes[b])
                    : Integer.compare(a, b));
        int n = members.size();
        int c1 = Splitter.round(n, new BigDecimal("0.7"));
        int c2 = Math.max(c1, Splitter.round(n, new BigDecimal("0.9")));
        for (int i = 0; i < n; i++) {
          expected[members.get(i)] =
              i < c1 ? Splitter.TRAIN : i < c2 ? Splitter.VALIDATION : Splitter.TEST;
        }
      }

      assertThat(Splitter.stratified(hashes, labels, groups, DEFAULT)).isEqualTo(expected);
    }
  }

  @Test
  void hashesOfALargeDataSetAreThoseOfHashingRowByRow() {
    // Large enough to be hashed in slices on several threads.
    long[] hashes = Splitter.hashes("many", 200_000);
    Splitter.RowHasher one = new Splitter.RowHasher("many");
    for (int r = 0; r < hashes.length; r += 997) {
      assertThat(hashes[r]).isEqualTo(one.hash(r + 1L));
    }
    assertThat(hashes[hashes.length - 1]).isEqualTo(one.hash(hashes.length));
  }
}
