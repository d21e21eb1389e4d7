package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  /** Feeds losses for epochs 1, 2, … until it says stop; returns the epoch it stopped after. */
  private static int run(EarlyStopping s, double... losses) {
    for (int i = 0; i < losses.length; i++) {
      s.record(i + 1, losses[i]);
      if (s.shouldStop()) {
        return i + 1;
      }
    }
    return losses.length;
  }

  @Test
  void stopsAfterPatienceEpochsWithoutBeatingTheBest() {
    EarlyStopping s = new EarlyStopping(2);
    // best 0.8 at epoch 2; epochs 3 and 4 do not beat it -> stop after epoch 4
    int stoppedAt = run(s, 1.0, 0.8, 0.9, 0.85, 0.1);
    assertThat(stoppedAt).isEqualTo(4);
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.best()).isEqualTo(0.8);
  }

  @Test
  void comparesWithTheBestEpochNotThePreviousOne() {
    // DJL's listener would call 0.8 (< 0.9) and 0.7 (< 0.8) improvements and go on for ever.
    EarlyStopping s = new EarlyStopping(3);
    int stoppedAt = run(s, 1.0, 0.5, 0.9, 0.8, 0.7, 0.6);
    assertThat(stoppedAt).isEqualTo(5);
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.best()).isEqualTo(0.5);
  }

  @Test
  void anImprovementResetsTheCount() {
    EarlyStopping s = new EarlyStopping(2);
    assertThat(s.record(1, 1.0)).isTrue();
    assertThat(s.record(2, 1.1)).isFalse();
    assertThat(s.epochsWithoutImprovement()).isEqualTo(1);
    assertThat(s.record(3, 0.9)).isTrue();
    assertThat(s.epochsWithoutImprovement()).isZero();
    assertThat(s.record(4, 0.9)).as("equal is not better").isFalse();
    assertThat(s.shouldStop()).isFalse();
    assertThat(s.record(5, 0.95)).isFalse();
    assertThat(s.shouldStop()).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(3);
  }

  @Test
  void nanIsNeverBest() {
    EarlyStopping s = new EarlyStopping(1);
    assertThat(s.record(1, Double.NaN)).isFalse();
    assertThat(s.bestEpoch()).isZero();
    assertThat(s.best()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.shouldStop()).isTrue();
  }

  @Test
  void anAccuracyIsMaximisedAndOnlyAnImprovementAboveMinDeltaCounts() {
    EarlyStopping s = new EarlyStopping(2, true, 0.01);
    assertThat(s.record(1, 0.90)).isTrue();
    assertThat(s.record(2, 0.905)).isFalse(); // better, but by less than 0.01
    assertThat(s.record(3, 0.92)).isTrue();
    assertThat(s.record(4, 0.80)).isFalse();
    assertThat(s.shouldStop()).isFalse();
    assertThat(s.record(5, 0.925)).isFalse();
    assertThat(s.shouldStop()).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(3);
    assertThat(s.best()).isEqualTo(0.92);
  }

  @Test
  void aLossMustFallByMoreThanMinDelta() {
    EarlyStopping s = new EarlyStopping(5, false, 0.1);
    assertThat(s.record(1, 1.0)).isTrue();
    assertThat(s.record(2, 0.95)).isFalse();
    assertThat(s.record(3, 0.85)).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(3);
  }

  @Test
  void patienceMustBePositive() {
    assertThatThrownBy(() -> new EarlyStopping(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
