package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.contracts.events.v1.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate of every epoch against values worked out by hand from the schedulers' definitions. */
class EpochScheduleTest {

  private static double[] rates(LearningRateSchedule.Builder schedule, double lr, int epochs) {
    EpochSchedule s = EpochSchedule.from(schedule.build(), lr, epochs);
    double[] out = new double[epochs];
    for (int e = 1; e <= epochs; e++) {
      out[e - 1] = s.learningRate(e);
    }
    return out;
  }

  @Test
  void noScheduleIsTheConstantRate() {
    assertThat(rates(LearningRateSchedule.newBuilder(), 0.1, 3)).containsExactly(0.1, 0.1, 0.1);
  }

  @Test
  void stepMultipliesByGammaEveryStepEpochs() {
    // StepLR(step_size=2, gamma=0.5) from 0.1: epochs 0-1 at 0.1, 2-3 at 0.05, 4 at 0.025.
    assertThat(
            rates(
                LearningRateSchedule.newBuilder().setType("step").setStepEpochs(2).setGamma(0.5),
                0.1,
                5))
        .containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
  }

  @Test
  void multistepMultipliesAtEachMilestone() {
    // MultiStepLR(milestones=[1, 3], gamma=0.1) from 1.0: 1, 0.1, 0.1, 0.01.
    assertThat(
            rates(
                LearningRateSchedule.newBuilder()
                    .setType("multistep")
                    .addAllMilestones(List.of(1, 3))
                    .setGamma(0.1),
                1.0,
                4))
        .containsExactly(new double[] {1, 0.1, 0.1, 0.01}, within(1e-15));
  }

  @Test
  void exponentialMultipliesEveryEpoch() {
    assertThat(
            rates(LearningRateSchedule.newBuilder().setType("exponential").setGamma(0.5), 0.8, 4))
        .containsExactly(0.8, 0.4, 0.2, 0.1);
  }

  @Test
  void cosineAnnealsFromTheRateTowardsTheMinimumAfterALinearWarmUp() {
    // 2 warm-up epochs (0.05, 0.1), then CosineAnnealingLR with T_max = 4 over t = 0..3:
    // 0.01 + 0.09 * (1 + cos(pi t / 4)) / 2 = 0.1, 0.086820..., 0.055, 0.023180...
    double[] r =
        rates(
            LearningRateSchedule.newBuilder()
                .setType("cosine")
                .setWarmupEpochs(2)
                .setMinLearningRate(0.01),
            0.1,
            6);
    assertThat(r)
        .containsExactly(
            new double[] {
              0.05,
              0.1,
              0.1,
              0.01 + 0.045 * (1 + Math.sqrt(0.5)),
              0.055,
              0.01 + 0.045 * (1 - Math.sqrt(0.5))
            },
            within(1e-12));
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(
            () ->
                EpochSchedule.from(
                    LearningRateSchedule.newBuilder().setType("cyclic").build(), 0.1, 5))
        .hasMessageStartingWith("config.schedule.type");
    assertThatThrownBy(
            () ->
                EpochSchedule.from(
                    LearningRateSchedule.newBuilder().setType("step").setGamma(0.5).build(),
                    0.1,
                    5))
        .hasMessageStartingWith("config.schedule.step_epochs");
    assertThatThrownBy(
            () ->
                EpochSchedule.from(
                    LearningRateSchedule.newBuilder().setType("exponential").setGamma(1.5).build(),
                    0.1,
                    5))
        .hasMessageStartingWith("config.schedule.gamma");
    assertThatThrownBy(
            () ->
                EpochSchedule.from(
                    LearningRateSchedule.newBuilder()
                        .setType("multistep")
                        .setGamma(0.1)
                        .addAllMilestones(List.of(3, 2))
                        .build(),
                    0.1,
                    5))
        .hasMessageStartingWith("config.schedule.milestones");
    assertThatThrownBy(
            () ->
                EpochSchedule.from(
                    LearningRateSchedule.newBuilder().setWarmupEpochs(5).build(), 0.1, 5))
        .hasMessageStartingWith("config.schedule.warmup_epochs");
    assertThatThrownBy(
            () ->
                EpochSchedule.from(
                    LearningRateSchedule.newBuilder()
                        .setType("cosine")
                        .setMinLearningRate(0.2)
                        .build(),
                    0.1,
                    5))
        .hasMessageStartingWith("config.schedule.min_learning_rate");
  }
}
