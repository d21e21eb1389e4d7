package io.trainyard.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

class TrainingLimitsTest {

  @Test
  void aRowTakesFourBytesAFeatureAndFourForItsLabel() {
    // 5,200,000 rows of 20 float32 features and an int label: 5.2e6 * 84 bytes.
    assertThat(TrainingLimits.bytes(5_200_000, 20)).isEqualTo(436_800_000L);
    assertThat(TrainingLimits.bytes(0, 20)).isZero();
  }

  @Test
  void splitsThatFitPassAndOneByteMoreIsRefusedWithTheFigures() {
    long fits = TrainingLimits.bytes(513, 30); // 513 * 124 = 63,612
    TrainingLimits limits = new TrainingLimits(fits, 2);
    assertThatNoException().isThrownBy(() -> limits.checkFits(399, 114, 30));

    TrainingLimits tight = new TrainingLimits(fits - 1, 2);
    assertThatIllegalStateException()
        .isThrownBy(() -> tight.checkFits(399, 114, 30))
        .withMessageContaining("need 63 KiB")
        .withMessageContaining("513 rows x 30 features")
        .withMessageContaining("trainyard.trainer.max-data-bytes");
  }

  @Test
  void theDefaultIsHalfTheHeap() {
    long heap = 512L * 1024 * 1024;
    TrainingLimits limits = TrainingLimits.forHeap(heap, 2);
    assertThat(limits.maxDataBytes()).isEqualTo(256L * 1024 * 1024);
    // The data set that ran a 512 MB trainer out of heap is refused before it is read.
    assertThatIllegalStateException()
        .isThrownBy(() -> limits.checkFits(3_640_000, 1_040_000, 20))
        .withMessageContaining("need 374.9 MiB")
        .withMessageContaining("256.0 MiB this trainer has");
  }

  @Test
  void aRequestIsStartedAtMostMaxAttemptsTimes() {
    TrainingLimits limits = new TrainingLimits(1024, 2);
    assertThat(limits.mayStartAgain(0)).isTrue();
    assertThat(limits.mayStartAgain(1)).isTrue();
    assertThat(limits.mayStartAgain(2)).isFalse();
  }

  @Test
  void sizesReadAsAPersonWritesThem() {
    assertThat(TrainingLimits.size(1)).isEqualTo("1 KiB");
    assertThat(TrainingLimits.size(3L * 1024 * 1024 / 2)).isEqualTo("1.5 MiB");
    assertThat(TrainingLimits.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
  }
}
