package io.trainyard.ml.train;

import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.ml.Initializers;
import io.trainyard.ml.ModelFamilies;
import io.trainyard.ml.optim.TorchOptimizers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked {@link TrainingConfig}: every field in range, empty strings replaced by the defaults of
 * the pipeline spec. {@link #from(TrainingConfig)} throws {@link IllegalArgumentException} naming
 * the first bad field, so a bad request fails with a reason before any work is done.
 */
public record TrainingSettings(
    String family,
    List<Integer> hiddenUnits,
    int maxEpochs,
    int batchSize,
    double learningRate,
    int patience,
    double weightDecay,
    long seed,
    String optimizer,
    String initializer,
    double momentum,
    EpochSchedule schedule,
    double clipGradNorm,
    double l1,
    String monitor,
    double minDelta,
    double dropout,
    String classWeight,
    Map<String, Double> classWeights) {

  public static final String ADAM = "adam";
  public static final String ADAMW = "adamw";
  public static final String SGD = "sgd";
  public static final String NESTEROV = TorchOptimizers.NESTEROV;
  public static final String RMSPROP = TorchOptimizers.RMSPROP;
  public static final String ADAGRAD = TorchOptimizers.ADAGRAD;

  /** The only loss this version trains with: softmax cross-entropy on the class index. */
  public static final String CROSS_ENTROPY = "cross-entropy";

  public static final String VALIDATION_LOSS = "validation_loss";
  public static final String VALIDATION_ACCURACY = "validation_accuracy";
  public static final String TRAIN_LOSS = "train_loss";
  public static final String TRAIN_ACCURACY = "train_accuracy";

  private static final Set<String> MONITORS =
      Set.of(VALIDATION_LOSS, VALIDATION_ACCURACY, TRAIN_LOSS, TRAIN_ACCURACY);

  private static final Set<String> OPTIMIZERS =
      Set.of(ADAM, ADAMW, SGD, NESTEROV, RMSPROP, ADAGRAD);

  public TrainingSettings {
    hiddenUnits = List.copyOf(hiddenUnits);
  }

  /** Checks {@code config}; a zero patience means "never stop early". */
  public static TrainingSettings from(TrainingConfig config) {
    String family = orDefault(config.getFamily(), ModelFamilies.MLP);
    if (!ModelFamilies.ALL.contains(family)) {
      throw new IllegalArgumentException("config.family: unknown model family '" + family + "'");
    }
    List<Integer> hidden = config.getHiddenUnitsList();
    if (hidden.isEmpty()) {
      throw new IllegalArgumentException(
          "config.hidden_units: at least one hidden layer is needed");
    }
    for (int units : hidden) {
      if (units < 1) {
        throw new IllegalArgumentException(
            "config.hidden_units: sizes must be >= 1, got " + hidden);
      }
    }
    if (config.getMaxEpochs() < 1) {
      throw new IllegalArgumentException(
          "config.max_epochs: must be >= 1, got " + config.getMaxEpochs());
    }
    if (config.getBatchSize() < 1) {
      throw new IllegalArgumentException(
          "config.batch_size: must be >= 1, got " + config.getBatchSize());
    }
    double lr = config.getLearningRate();
    if (!Double.isFinite(lr) || lr <= 0) {
      throw new IllegalArgumentException("config.learning_rate: must be > 0, got " + lr);
    }
    if (config.getPatience() < 0) {
      throw new IllegalArgumentException(
          "config.patience: must be >= 0, got " + config.getPatience());
    }
    double wd = config.getWeightDecay();
    if (!Double.isFinite(wd) || wd < 0) {
      throw new IllegalArgumentException("config.weight_decay: must be >= 0, got " + wd);
    }
    String optimizer = orDefault(config.getOptimizer(), ADAM);
    if (!OPTIMIZERS.contains(optimizer)) {
      throw new IllegalArgumentException(
          "config.optimizer: must be one of "
              + OPTIMIZERS.stream().sorted().toList()
              + ", got '"
              + optimizer
              + "'");
    }
    double momentum = config.getMomentum();
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "config.momentum: must be >= 0 and below 1, got " + momentum);
    }
    if (optimizer.equals(NESTEROV) && momentum == 0) {
      throw new IllegalArgumentException(
          "config.momentum: nesterov needs a momentum above 0, got " + momentum);
    }
    EpochSchedule schedule = EpochSchedule.from(config.getSchedule(), lr, config.getMaxEpochs());
    double clip = config.getClipGradNorm();
    if (!(clip >= 0 && clip < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("config.clip_grad_norm: must be >= 0, got " + clip);
    }
    double l1 = config.getL1();
    if (!(l1 >= 0 && l1 < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("config.l1: must be >= 0, got " + l1);
    }
    String monitor = orDefault(config.getMonitor(), VALIDATION_LOSS);
    if (!MONITORS.contains(monitor)) {
      throw new IllegalArgumentException(
          "config.monitor: must be one of "
              + MONITORS.stream().sorted().toList()
              + ", got '"
              + monitor
              + "'");
    }
    double minDelta = config.getMinDelta();
    if (!(minDelta >= 0 && minDelta < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("config.min_delta: must be >= 0, got " + minDelta);
    }
    double dropout = config.getDropout();
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(
          "config.dropout: must be >= 0 and below 1, got " + dropout);
    }
    String classWeight = orDefault(config.getClassWeight(), ClassWeights.NONE);
    if (!classWeight.equals(ClassWeights.NONE) && !classWeight.equals(ClassWeights.BALANCED)) {
      throw new IllegalArgumentException(
          "config.class_weight: must be none or balanced, got '" + classWeight + "'");
    }
    for (Map.Entry<String, Double> e : config.getClassWeightsMap().entrySet()) {
      if (!(e.getValue() > 0 && e.getValue() < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "config.class_weights: the weight of '"
                + e.getKey()
                + "' must be > 0, got "
                + e.getValue());
      }
    }
    String initializer = orDefault(config.getInitializer(), Initializers.XAVIER);
    if (!Initializers.ALL.contains(initializer)) {
      throw new IllegalArgumentException(
          "config.initializer: unknown initializer '" + initializer + "'");
    }
    String loss = orDefault(config.getLoss(), CROSS_ENTROPY);
    if (!CROSS_ENTROPY.equals(loss)) {
      throw new IllegalArgumentException(
          "config.loss: only '" + CROSS_ENTROPY + "' is supported, got '" + loss + "'");
    }
    int patience = config.getPatience() == 0 ? config.getMaxEpochs() : config.getPatience();
    return new TrainingSettings(
        family,
        hidden,
        config.getMaxEpochs(),
        config.getBatchSize(),
        lr,
        patience,
        wd,
        config.getSeed(),
        optimizer,
        initializer,
        momentum,
        schedule,
        clip,
        l1,
        monitor,
        minDelta,
        dropout,
        classWeight,
        Map.copyOf(config.getClassWeightsMap()));
  }

  /** Whether early stopping maximises what it watches (an accuracy) rather than minimising it. */
  public boolean monitorMaximises() {
    return monitor.endsWith("accuracy");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
