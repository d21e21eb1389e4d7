package io.trainyard.contracts.spec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to do with one data set, stage by stage. It travels as canonical JSON in every data-set
 * event; each stage reads its own section. Parsed and validated by {@link SpecParser}; every field
 * has a default, so a spec may be as short as {@code {"name": "iris"}}.
 *
 * @param name the pipeline's name; also the registered model's name unless {@code registry.model}
 *     says otherwise
 */
public record PipelineSpec(
    String name,
    Dataset dataset,
    Split split,
    Cleaning cleaning,
    Labeling labeling,
    Training training,
    Evaluation evaluation,
    Registry registry) {

  public PipelineSpec {
    dataset = dataset == null ? Dataset.DEFAULT : dataset;
    split = split == null ? Split.DEFAULT : split;
    cleaning = cleaning == null ? Cleaning.DEFAULT : cleaning;
    labeling = labeling == null ? Labeling.DEFAULT : labeling;
    training = training == null ? Training.DEFAULT : training;
    evaluation = evaluation == null ? Evaluation.DEFAULT : evaluation;
    registry = registry == null ? Registry.DEFAULT : registry;
  }

  /** The registered model's name. */
  public String modelName() {
    return registry.model() != null ? registry.model() : name;
  }

  /**
   * The data set's shape.
   *
   * @param label the label column; null when rows are unlabeled (a labeling rule then makes labels)
   * @param chunkRows rows per RowChunk event
   * @param maxInvalidValues how many non-numeric cells a numeric column may hold (read as missing)
   *     before the upload is refused
   * @param minRows the fewest rows a data set needs to be trainable
   * @param maxClasses the most distinct labels a classification data set may have: more are refused
   *     (a numeric target with many values is a regression target, not hundreds of classes)
   */
  public record Dataset(
      String label,
      Integer chunkRows,
      Integer maxInvalidValues,
      Integer minRows,
      Integer maxClasses) {
    static final Dataset DEFAULT = new Dataset(null, null, null, null, null);

    public Dataset {
      chunkRows = chunkRows == null ? 500 : chunkRows;
      maxInvalidValues = maxInvalidValues == null ? 0 : maxInvalidValues;
      minRows = minRows == null ? 50 : minRows;
      maxClasses = maxClasses == null ? 50 : maxClasses;
    }
  }

  /**
   * Fractions of rows per split, assigned once at ingest by a stable hash of the row id.
   *
   * @param stratify keep each label's share the same in every split
   */
  public record Split(Double train, Double validation, Double test, Boolean stratify) {
    static final Split DEFAULT = new Split(null, null, null, null);

    public Split {
      train = train == null ? 0.7 : train;
      validation = validation == null ? 0.2 : validation;
      test = test == null ? 0.1 : test;
      stratify = stratify == null ? Boolean.TRUE : stratify;
    }
  }

  /**
   * Cleaning steps; statistics are fitted on training rows only.
   *
   * @param impute {@code mean} or {@code median} for missing numeric values
   * @param outliers outlier rule
   * @param scale {@code standard} or {@code none}
   * @param dropDuplicates drop rows whose features and label repeat an earlier row
   */
  public record Cleaning(String impute, Outliers outliers, String scale, Boolean dropDuplicates) {
    static final Cleaning DEFAULT = new Cleaning(null, null, null, null);

    public Cleaning {
      impute = impute == null ? "mean" : impute;
      outliers = outliers == null ? Outliers.DEFAULT : outliers;
      scale = scale == null ? "standard" : scale;
      dropDuplicates = dropDuplicates == null ? Boolean.FALSE : dropDuplicates;
    }
  }

  /**
   * @param method {@code zscore}, {@code iqr} or {@code none}
   * @param threshold z-score limit, or IQR multiplier (default 3 for zscore, 1.5 for iqr)
   * @param action {@code clip} to the limit, or {@code drop} the row
   */
  public record Outliers(String method, Double threshold, String action) {
    static final Outliers DEFAULT = new Outliers(null, null, null);

    public Outliers {
      method = method == null ? "zscore" : method;
      threshold = threshold == null ? ("iqr".equals(method) ? 1.5 : 3.0) : threshold;
      action = action == null ? "clip" : action;
    }
  }

  /**
   * @param rule makes the label from a feature where the data has no label column (or overrides it)
   * @param batchSize rows per PreparedBatch
   */
  public record Labeling(Rule rule, Integer batchSize) {
    static final Labeling DEFAULT = new Labeling(null, null);

    public Labeling {
      batchSize = batchSize == null ? 256 : batchSize;
    }
  }

  /**
   * A threshold rule: {@code label = column <op> value ? then : otherwise}, evaluated on raw
   * values.
   *
   * @param op one of {@code gt ge lt le eq ne}
   */
  public record Rule(String column, String op, Double value, String then, String otherwise) {}

  /**
   * @param family model family; {@code mlp} in this version
   * @param hidden units per hidden layer
   * @param optimizer {@code adam}, {@code adamw}, {@code sgd}, {@code nesterov}, {@code rmsprop} or
   *     {@code adagrad}
   * @param initializer {@code xavier}, {@code normal}, {@code uniform} or {@code kaiming}
   * @param patience epochs without a better validation loss before stopping early
   * @param momentum the momentum of {@code sgd}, {@code nesterov} and {@code rmsprop}
   * @param schedule the learning rate of each epoch
   * @param clipGradNorm the most the gradients' global L2 norm may be at a step; 0: no clipping
   * @param l1 the L1 penalty on the weights
   * @param monitor what early stopping watches: {@code validation_loss}, {@code
   *     validation_accuracy}, {@code train_loss} or {@code train_accuracy}
   * @param minDelta how much better than the best an epoch must be to count as an improvement
   * @param dropout the dropout rate after each hidden layer, in training only
   * @param classWeight {@code none} or {@code balanced} (scikit-learn's class_weight)
   * @param classWeights the loss weight of the classes named (the others weigh 1)
   */
  public record Training(
      String family,
      List<Integer> hidden,
      Integer epochs,
      Integer batchSize,
      Double learningRate,
      Integer patience,
      Double weightDecay,
      Long seed,
      String optimizer,
      String initializer,
      Double momentum,
      Schedule schedule,
      Double clipGradNorm,
      Double l1,
      String monitor,
      Double minDelta,
      Double dropout,
      String classWeight,
      Map<String, Double> classWeights) {
    static final Training DEFAULT =
        new Training(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public Training {
      family = family == null ? "mlp" : family;
      hidden = hidden == null ? List.of(64, 32) : List.copyOf(hidden);
      epochs = epochs == null ? 50 : epochs;
      batchSize = batchSize == null ? 32 : batchSize;
      learningRate = learningRate == null ? 1e-3 : learningRate;
      patience = patience == null ? 5 : patience;
      weightDecay = weightDecay == null ? 0.0 : weightDecay;
      seed = seed == null ? 42L : seed;
      optimizer = optimizer == null ? "adam" : optimizer;
      initializer = initializer == null ? "xavier" : initializer;
      momentum = momentum == null ? 0.9 : momentum;
      schedule = schedule == null ? Schedule.DEFAULT : schedule;
      clipGradNorm = clipGradNorm == null ? 0.0 : clipGradNorm;
      l1 = l1 == null ? 0.0 : l1;
      monitor = monitor == null ? "validation_loss" : monitor;
      minDelta = minDelta == null ? 0.0 : minDelta;
      dropout = dropout == null ? 0.0 : dropout;
      classWeight = classWeight == null ? "none" : classWeight;
      classWeights = classWeights == null ? Map.of() : new TreeMap<>(classWeights);
    }
  }

  /**
   * The learning rate per epoch: a linear warm-up, then constant or one of PyTorch's decays, the
   * epochs after the warm-up counted from 0 as its schedulers count them.
   *
   * @param type {@code constant}, {@code step}, {@code multistep}, {@code exponential} or {@code
   *     cosine}
   * @param stepEpochs {@code step}: the rate is multiplied by {@code gamma} every this many epochs
   * @param gamma the factor of {@code step}, {@code multistep} and {@code exponential}
   * @param milestones {@code multistep}: the epochs at which the rate is multiplied by {@code
   *     gamma}
   * @param warmupEpochs epochs of linear warm-up up to the learning rate
   * @param minLearningRate {@code cosine}: the rate the curve ends at
   */
  public record Schedule(
      String type,
      Integer stepEpochs,
      Double gamma,
      List<Integer> milestones,
      Integer warmupEpochs,
      Double minLearningRate) {
    static final Schedule DEFAULT = new Schedule(null, null, null, null, null, null);

    public Schedule {
      type = type == null ? "constant" : type;
      stepEpochs = stepEpochs == null ? 10 : stepEpochs;
      gamma = gamma == null ? 0.1 : gamma;
      milestones = milestones == null ? List.of() : List.copyOf(milestones);
      warmupEpochs = warmupEpochs == null ? 0 : warmupEpochs;
      minLearningRate = minLearningRate == null ? 0.0 : minLearningRate;
    }
  }

  /**
   * @param minAccuracy the test accuracy a model needs to be blessed
   */
  public record Evaluation(Double minAccuracy) {
    static final Evaluation DEFAULT = new Evaluation(null);

    public Evaluation {
      minAccuracy = minAccuracy == null ? 0.0 : minAccuracy;
    }
  }

  /**
   * @param model the registered model's name (defaults to the spec's name)
   */
  public record Registry(String model) {
    static final Registry DEFAULT = new Registry(null);
  }
}
