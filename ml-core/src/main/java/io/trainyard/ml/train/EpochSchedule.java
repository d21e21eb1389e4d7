package io.trainyard.ml.train;

import io.trainyard.contracts.events.v1.LearningRateSchedule;
import java.util.List;
import java.util.Set;

/**
 * The learning rate of each epoch: an optional linear warm-up, then a constant rate or one of the
 * decays PyTorch's schedulers define, with the epochs after the warm-up counted from 0 as they
 * count them ({@code t} below; {@code lr} is the configured rate, {@code w} the warm-up epochs):
 *
 * <ul>
 *   <li>warm-up, epoch {@code e <= w}: {@code lr * e / w}
 *   <li>{@code constant}: {@code lr}
 *   <li>{@code step}: {@code lr * gamma^floor(t / stepEpochs)} (StepLR)
 *   <li>{@code multistep}: {@code lr * gamma^(milestones <= t)} (MultiStepLR)
 *   <li>{@code exponential}: {@code lr * gamma^t} (ExponentialLR)
 *   <li>{@code cosine}: {@code min + (lr - min) * (1 + cos(pi * t / T)) / 2}, {@code T} the epochs
 *       after the warm-up (CosineAnnealingLR with T_max = T)
 * </ul>
 *
 * The rate changes between epochs, never inside one.
 */
public record EpochSchedule(
    String type,
    double learningRate,
    int maxEpochs,
    int stepEpochs,
    double gamma,
    List<Integer> milestones,
    int warmupEpochs,
    double minLearningRate) {

  public static final String CONSTANT = "constant";
  public static final String STEP = "step";
  public static final String MULTISTEP = "multistep";
  public static final String EXPONENTIAL = "exponential";
  public static final String COSINE = "cosine";

  static final Set<String> TYPES = Set.of(CONSTANT, STEP, MULTISTEP, EXPONENTIAL, COSINE);

  public EpochSchedule {
    milestones = List.copyOf(milestones);
  }

  /** A constant rate. */
  public static EpochSchedule constant(double learningRate, int maxEpochs) {
    return new EpochSchedule(CONSTANT, learningRate, maxEpochs, 0, 1, List.of(), 0, 0);
  }

  /**
   * Checks {@code schedule} (none set: constant) against the run's rate and epochs.
   *
   * @throws IllegalArgumentException naming the first bad field
   */
  public static EpochSchedule from(
      LearningRateSchedule schedule, double learningRate, int maxEpochs) {
    String type = schedule.getType().isBlank() ? CONSTANT : schedule.getType();
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "config.schedule.type: must be one of "
              + TYPES.stream().sorted().toList()
              + ", got '"
              + type
              + "'");
    }
    int warmup = schedule.getWarmupEpochs();
    if (warmup < 0 || warmup >= maxEpochs) {
      throw new IllegalArgumentException(
          "config.schedule.warmup_epochs: must be >= 0 and below max_epochs ("
              + maxEpochs
              + "), got "
              + warmup);
    }
    double gamma = schedule.getGamma();
    boolean decays = type.equals(STEP) || type.equals(MULTISTEP) || type.equals(EXPONENTIAL);
    if (decays && !(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException(
          "config.schedule.gamma: must be > 0 and <= 1 for " + type + ", got " + gamma);
    }
    if (type.equals(STEP) && schedule.getStepEpochs() < 1) {
      throw new IllegalArgumentException(
          "config.schedule.step_epochs: must be >= 1, got " + schedule.getStepEpochs());
    }
    List<Integer> milestones = schedule.getMilestonesList();
    if (type.equals(MULTISTEP)) {
      if (milestones.isEmpty()) {
        throw new IllegalArgumentException("config.schedule.milestones: at least one is needed");
      }
      for (int i = 0; i < milestones.size(); i++) {
        if (milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
          throw new IllegalArgumentException(
              "config.schedule.milestones: must be increasing epochs >= 1, got " + milestones);
        }
      }
    }
    double min = schedule.getMinLearningRate();
    if (!(min >= 0 && min < learningRate)) {
      throw new IllegalArgumentException(
          "config.schedule.min_learning_rate: must be >= 0 and below learning_rate ("
              + learningRate
              + "), got "
              + min);
    }
    return new EpochSchedule(
        type,
        learningRate,
        maxEpochs,
        schedule.getStepEpochs(),
        decays ? gamma : 1,
        milestones,
        warmup,
        min);
  }

  /** The rate of 1-based {@code epoch}. */
  public double learningRate(int epoch) {
    if (epoch <= warmupEpochs) {
      return learningRate * epoch / warmupEpochs;
    }
    int t = epoch - warmupEpochs - 1;
    return switch (type) {
      case STEP -> learningRate * Math.pow(gamma, Math.floorDiv(t, stepEpochs));
      case MULTISTEP ->
          learningRate * Math.pow(gamma, milestones.stream().filter(m -> m <= t).count());
      case EXPONENTIAL -> learningRate * Math.pow(gamma, t);
      case COSINE -> {
        int span = maxEpochs - warmupEpochs;
        yield minLearningRate
            + (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * t / span)) / 2;
      }
      default -> learningRate;
    };
  }
}
