package io.trainyard.ml.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.trainyard.ml.Devices;
import io.trainyard.ml.Initializers;
import io.trainyard.ml.ModelFamilies;
import io.trainyard.ml.artifact.ModelArtifact;
import io.trainyard.ml.artifact.ModelManifest;
import io.trainyard.ml.optim.TorchOptimizers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a classifier the way DJL's {@code TrainMnist} example does — a {@link Model} and a {@link
 * Trainer} in try-with-resources, a fluent {@link DefaultTrainingConfig} with softmax
 * cross-entropy, Adam or SGD, L2 weight decay — with the epoch loop written out so that each epoch
 * can be validated, reported and checked for early stopping against the best epoch so far. The
 * parameters of the best epoch are kept as a copy and restored at the end; the artifact holds them.
 *
 * <p>Not thread-safe in one sense worth knowing: the engine's random seed is global, so two
 * trainings running at once in one JVM would not be reproducible.
 */
public final class ModelTrainer {

  /** Rows per forward pass when validating (no gradients, so larger than a training batch). */
  private static final int EVAL_BATCH = 1024;

  private final Device device;
  private final String createdBy;

  /**
   * @param device where to train ({@link Devices#preferred()} for GPU-when-present)
   * @param createdBy written into the artifact's manifest
   */
  public ModelTrainer(Device device, String createdBy) {
    this.device = device;
    this.createdBy = createdBy;
  }

  /** The device this trainer uses. */
  public Device device() {
    return device;
  }

  /**
   * Trains on {@code train}, validates each epoch on {@code validation} (early stopping watches the
   * training loss instead when {@code validation} has no rows) and returns the best epoch's model.
   *
   * @param featureNames the input columns, written into the manifest (their count must match)
   * @param classes the class names; labels index this list
   * @throws IllegalArgumentException for data that does not fit the settings
   */
  public TrainingOutcome train(
      TrainingSettings settings,
      List<String> featureNames,
      List<String> classes,
      TrainingData train,
      TrainingData validation,
      EpochListener listener) {
    check(featureNames, classes, train, "train");
    check(featureNames, classes, validation, "validation");
    if (train.rows() == 0) {
      throw new IllegalArgumentException("the training split has no rows");
    }
    long started = System.nanoTime();
    int features = train.features();
    boolean hasValidation = validation.rows() > 0;
    if (hasValidation && validation.features() != features) {
      throw new IllegalArgumentException(
          "validation rows have " + validation.features() + " features, training rows " + features);
    }
    Engine.getInstance().setRandomSeed((int) settings.seed());
    Random shuffle = new Random(settings.seed());

    Block block =
        ModelFamilies.build(
            settings.family(), settings.hiddenUnits(), classes.size(), settings.dropout());
    // The optimizer asks for the rate at every step; it changes between epochs only.
    float[] rate = {(float) settings.schedule().learningRate(1)};
    Tracker epochRate = numUpdate -> rate[0];
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss(settings, classes, train))
            .optOptimizer(optimizer(settings, epochRate))
            .optInitializer(Initializers.of(settings.initializer()), Parameter.Type.WEIGHT)
            .optDevices(new Device[] {device});

    EarlyStopping stopping =
        new EarlyStopping(settings.patience(), settings.monitorMaximises(), settings.minDelta());
    // Without a validation split the validation figures fall back to the training ones.
    boolean watchesTraining = !hasValidation || settings.monitor().startsWith("train");
    double bestLoss = Double.NaN;
    List<EpochReport> reports = new ArrayList<>();
    byte[] bestParameters = null;
    double bestAccuracy = Double.NaN;
    long samples = 0;
    int epochsRun = 0;

    try (Model model = Model.newInstance("trainyard-" + settings.family(), device)) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, features));
        int[] order = identity(train.rows());
        for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
          long epochStart = System.nanoTime();
          rate[0] = (float) settings.schedule().learningRate(epoch);
          shuffleInPlace(order, shuffle);
          Totals fit = fitEpoch(trainer, block, settings, train, order);
          samples += train.rows();
          Totals val = hasValidation ? evaluate(trainer, validation) : null;
          Totals watched = watchesTraining ? fit : val;
          double monitored = settings.monitorMaximises() ? watched.accuracy() : watched.loss();
          boolean best = stopping.record(epoch, monitored);
          if (best) {
            bestParameters = snapshot(block);
            bestAccuracy = hasValidation ? val.accuracy() : fit.accuracy();
            bestLoss = hasValidation ? val.loss() : fit.loss();
          }
          epochsRun = epoch;
          EpochReport report =
              new EpochReport(
                  epoch,
                  settings.maxEpochs(),
                  fit.loss(),
                  fit.accuracy(),
                  hasValidation ? val.loss() : Double.NaN,
                  hasValidation ? val.accuracy() : Double.NaN,
                  (System.nanoTime() - epochStart) / 1_000_000,
                  best,
                  rate[0]);
          reports.add(report);
          listener.onEpoch(report);
          if (stopping.shouldStop()) {
            break;
          }
        }
        if (bestParameters == null) {
          throw new IllegalStateException("training diverged: no epoch had a finite loss");
        }
        restore(block, trainer.getManager(), bestParameters);
      }
    }
    ModelArtifact artifact =
        new ModelArtifact(
            ModelManifest.of(
                settings.family(),
                settings.hiddenUnits(),
                featureNames,
                classes,
                createdBy,
                settings.dropout()),
            bestParameters);
    return new TrainingOutcome(
        artifact,
        epochsRun,
        stopping.bestEpoch(),
        bestLoss,
        bestAccuracy,
        Devices.name(device),
        samples,
        epochsRun < settings.maxEpochs(),
        (System.nanoTime() - started) / 1_000_000,
        List.copyOf(reports));
  }

  /**
   * Cross-entropy, weighted per class when the settings weigh the classes ({@link ClassWeights}).
   */
  static Loss loss(TrainingSettings s, List<String> classes, TrainingData train) {
    float[] weights = ClassWeights.resolve(s.classWeight(), s.classWeights(), classes, train.y());
    return weights == null ? Loss.softmaxCrossEntropyLoss() : new WeightedCrossEntropy(weights);
  }

  /**
   * The settings' optimizer at the rate {@code lr} gives, with their weight decay (L2; decoupled in
   * AdamW) and momentum (SGD, Nesterov, RMSprop). RMSprop, Adagrad and Nesterov are the platform's
   * own ({@link TorchOptimizers}): DJL's PyTorch engine has no update operator for them.
   */
  static Optimizer optimizer(TrainingSettings s, Tracker lr) {
    float wd = (float) s.weightDecay();
    float momentum = (float) s.momentum();
    return switch (s.optimizer()) {
      case TrainingSettings.SGD ->
          Optimizer.sgd()
              .setLearningRateTracker(lr)
              .optMomentum(momentum)
              .optWeightDecays(wd)
              .build();
      case TrainingSettings.NESTEROV ->
          TorchOptimizers.nesterov()
              .learningRate(lr)
              .momentum(momentum)
              .optWeightDecays(wd)
              .build();
      case TrainingSettings.RMSPROP ->
          TorchOptimizers.rmsprop().learningRate(lr).momentum(momentum).optWeightDecays(wd).build();
      case TrainingSettings.ADAGRAD ->
          TorchOptimizers.adagrad().learningRate(lr).optWeightDecays(wd).build();
      case TrainingSettings.ADAMW ->
          Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays(wd).build();
      default -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(wd).build();
    };
  }

  /**
   * One pass over the shuffled training rows in mini-batches; loss and accuracy as it goes. Between
   * each backward pass and step, the L1 penalty and the clipping ({@link Gradients}).
   */
  private static Totals fitEpoch(
      Trainer trainer, Block block, TrainingSettings settings, TrainingData data, int[] order) {
    int batchSize = settings.batchSize();
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < order.length; from += batchSize) {
      int n = Math.min(batchSize, order.length - from);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray x = batch.create(gatherRows(data, order, from, n), new Shape(n, data.features()));
        NDArray y = batch.create(gatherLabels(data, order, from, n));
        NDList labels = new NDList(y);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(new NDList(x), labels);
          NDArray loss = trainer.getLoss().evaluate(labels, predictions);
          collector.backward(loss);
          lossSum += loss.getFloat() * n;
          correct += predictions.singletonOrThrow().argMax(1).eq(y).countNonzero().getLong();
        }
        if (settings.l1() > 0) {
          Gradients.addL1(block, settings.l1());
        }
        if (settings.clipGradNorm() > 0) {
          Gradients.clipByGlobalNorm(Gradients.of(block), settings.clipGradNorm());
        }
        trainer.step();
      }
    }
    return new Totals(lossSum / order.length, (double) correct / order.length);
  }

  /** Mean loss and accuracy over a split, in inference mode. */
  private static Totals evaluate(Trainer trainer, TrainingData data) {
    double lossSum = 0;
    long correct = 0;
    int[] all = identity(data.rows());
    for (int from = 0; from < data.rows(); from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, data.rows() - from);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray x = batch.create(gatherRows(data, all, from, n), new Shape(n, data.features()));
        NDArray y = batch.create(gatherLabels(data, all, from, n));
        NDList predictions = trainer.evaluate(new NDList(x));
        lossSum += trainer.getLoss().evaluate(new NDList(y), predictions).getFloat() * n;
        correct += predictions.singletonOrThrow().argMax(1).eq(y).countNonzero().getLong();
      }
    }
    return new Totals(lossSum / data.rows(), (double) correct / data.rows());
  }

  /** A copy of the block's parameters, as {@link Block#saveParameters} writes them. */
  static byte[] snapshot(Block block) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(out)) {
      block.saveParameters(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Puts a {@link #snapshot} back into the block. */
  static void restore(Block block, NDManager manager, byte[] parameters) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      block.loadParameters(manager, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("cannot restore the best parameters: " + e.getMessage(), e);
    }
  }

  private static float[] gatherRows(TrainingData data, int[] order, int from, int n) {
    int f = data.features();
    float[] out = new float[n * f];
    float[] x = data.x();
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, order[from + i] * f, out, i * f, f);
    }
    return out;
  }

  /** Labels as int64: PyTorch's cross-entropy gathers with a long index. */
  private static long[] gatherLabels(TrainingData data, int[] order, int from, int n) {
    long[] out = new long[n];
    int[] y = data.y();
    for (int i = 0; i < n; i++) {
      out[i] = y[order[from + i]];
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Fisher–Yates with the run's seeded generator, so a seed fixes every epoch's order. */
  static void shuffleInPlace(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void check(
      List<String> featureNames, List<String> classes, TrainingData data, String split) {
    if (classes.size() < 2) {
      throw new IllegalArgumentException("at least 2 classes are needed, got " + classes);
    }
    if (!featureNames.isEmpty() && data.rows() > 0 && featureNames.size() != data.features()) {
      throw new IllegalArgumentException(
          split
              + " rows have "
              + data.features()
              + " features but "
              + featureNames.size()
              + " feature names were given");
    }
    for (int label : data.y()) {
      if (label < 0 || label >= classes.size()) {
        throw new IllegalArgumentException(
            split + " label " + label + " is outside the " + classes.size() + " classes");
      }
    }
  }

  private record Totals(double loss, double accuracy) {}
}
