package io.trainyard.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.trainyard.contracts.events.v1.LearningRateSchedule;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.ml.ModelFamilies;
import io.trainyard.ml.artifact.ModelArtifact;
import io.trainyard.ml.artifact.ModelManifest;
import io.trainyard.ml.predict.ModelPredictor;
import io.trainyard.testsupport.BreastCancer;
import io.trainyard.testsupport.PreparedData;
import io.trainyard.testsupport.SplitRows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trains small MLPs on the real breast cancer data set (398 training rows, 30 features). */
class ModelTrainerTest {

  private static final ModelTrainer TRAINER = new ModelTrainer(Device.cpu(), "ml-core tests");
  private static PreparedData data;
  private static TrainingData training;
  private static TrainingData validation;
  private static TrainingData test;

  @BeforeAll
  static void load() {
    data = BreastCancer.load();
    training = of(data.train());
    validation = of(data.validation());
    test = of(data.test());
    assertThat(training.rows()).isEqualTo(399);
    assertThat(validation.rows()).isEqualTo(114);
    assertThat(test.rows()).isEqualTo(56);
  }

  private static TrainingData of(SplitRows rows) {
    return new TrainingData(rows.x(), rows.y(), rows.features());
  }

  private static TrainingSettings settings(int epochs, int patience, String optimizer) {
    return TrainingSettings.from(config(epochs, patience, optimizer).build());
  }

  private static TrainingConfig.Builder config(int epochs, int patience, String optimizer) {
    return TrainingConfig.newBuilder()
        .setFamily("mlp")
        .addAllHiddenUnits(List.of(16, 8))
        .setMaxEpochs(epochs)
        .setBatchSize(32)
        .setLearningRate(optimizer.equals("sgd") ? 0.05 : 0.01)
        .setPatience(patience)
        .setWeightDecay(1e-4)
        .setSeed(7)
        .setOptimizer(optimizer)
        .setMomentum(optimizer.startsWith("adam") ? 0 : 0.9)
        .setInitializer("xavier")
        .setLoss("cross-entropy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "nesterov", "adam", "adamw", "rmsprop", "adagrad"})
  void everyOptimizerLearnsBreastCancer(String optimizer) {
    TrainingSettings s =
        TrainingSettings.from(
            config(6, 6, optimizer)
                .setLearningRate(
                    switch (optimizer) {
                      case "sgd", "nesterov" -> 0.05;
                      case "rmsprop" -> 0.002;
                      default -> 0.01;
                    })
                .build());
    TrainingOutcome outcome = train(s, new ArrayList<>());
    System.out.printf(
        "breast cancer mlp[16,8] %s: validation accuracy %.4f%n",
        optimizer, outcome.bestValidationAccuracy());
    assertThat(outcome.bestValidationAccuracy()).as(optimizer).isGreaterThan(0.9);
  }

  @Test
  void withDropoutItLearnsAndTheArtifactScoresWithEveryUnit() {
    TrainingOutcome outcome =
        train(
            TrainingSettings.from(config(8, 8, "adam").setDropout(0.3).build()), new ArrayList<>());
    assertThat(outcome.artifact().manifest().dropout()).isEqualTo(0.3);
    assertThat(outcome.bestValidationAccuracy()).isGreaterThan(0.9);
    try (ModelPredictor predictor = ModelPredictor.load(outcome.artifact().toBytes())) {
      float[][] pv = predictor.predictProba(rows(validation));
      // Deterministic, and the loss the trainer measured in inference mode for the best epoch.
      assertThat(predictor.predictProba(rows(validation))).isDeepEqualTo(pv);
      assertThat(logLoss(pv, validation.y())).isCloseTo(outcome.bestValidationLoss(), within(1e-4));
    }
  }

  @Test
  void weighingAClassMovesTheDecisionBoundaryTowardsIt() {
    TrainingOutcome plain =
        train(TrainingSettings.from(config(6, 6, "adam").build()), new ArrayList<>());
    TrainingOutcome weighted =
        train(
            TrainingSettings.from(config(6, 6, "adam").putClassWeights("malignant", 20.0).build()),
            new ArrayList<>());
    long before = predicted(plain, 1);
    long after = predicted(weighted, 1);
    System.out.printf(
        "validation rows called malignant: %d plain, %d with weight 20%n", before, after);
    assertThat(after).isGreaterThan(before);
  }

  /** How many validation rows the model assigns to class {@code c}. */
  private static long predicted(TrainingOutcome outcome, int c) {
    try (ModelPredictor predictor = ModelPredictor.load(outcome.artifact().toBytes())) {
      long n = 0;
      for (float[] p : predictor.predictProba(rows(validation))) {
        if (p[c] > p[1 - c]) {
          n++;
        }
      }
      return n;
    }
  }

  @Test
  void anL1PenaltyDrivesTheWeightsTowardsZero() {
    TrainingOutcome plain =
        train(TrainingSettings.from(config(6, 6, "adam").build()), new ArrayList<>());
    TrainingOutcome sparse =
        train(TrainingSettings.from(config(6, 6, "adam").setL1(0.01).build()), new ArrayList<>());
    double before = meanAbsWeight(plain.artifact());
    double after = meanAbsWeight(sparse.artifact());
    System.out.printf("mean |w|: %.4f without L1, %.4f with l1 0.01%n", before, after);
    assertThat(after).isLessThan(before / 2);
    assertThat(sparse.bestValidationAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void clippingKeepsTrainingSoundWhereAHugeRateWithoutItDoesNot() {
    // SGD at a rate that makes unclipped steps blow up; clipped to a norm of 1 it still learns.
    TrainingConfig.Builder wild = config(5, 5, "sgd").setLearningRate(5).setMomentum(0);
    TrainingOutcome clipped =
        train(TrainingSettings.from(wild.clone().setClipGradNorm(0.1).build()), new ArrayList<>());
    List<EpochReport> unclipped = new ArrayList<>();
    try {
      train(TrainingSettings.from(wild.build()), unclipped);
    } catch (IllegalStateException diverged) {
      // "training diverged": no finite loss at all
    }
    System.out.printf(
        "sgd lr 5: clipped validation accuracy %.4f; unclipped losses %s%n",
        clipped.bestValidationAccuracy(), unclipped.stream().map(EpochReport::trainLoss).toList());
    assertThat(clipped.bestValidationAccuracy()).isGreaterThan(0.9);
    assertThat(unclipped.stream().mapToDouble(EpochReport::trainLoss).max().orElse(Double.NaN))
        .isNotCloseTo(0, within(1.0)); // far from a sound loss, or NaN
  }

  @Test
  void earlyStoppingWatchesTheValidationAccuracyWhenAsked() {
    List<EpochReport> seen = new ArrayList<>();
    TrainingOutcome outcome =
        train(
            TrainingSettings.from(
                config(30, 2, "adam").setMonitor("validation_accuracy").setMinDelta(0.001).build()),
            seen);
    EpochReport best = seen.get(outcome.bestEpoch() - 1);
    assertThat(best.best()).isTrue();
    // The best epoch has the highest validation accuracy, first to reach it (later ties do not
    // improve by more than min_delta), and the run stopped two epochs after the last improvement.
    double highest = seen.stream().mapToDouble(EpochReport::validationAccuracy).max().orElseThrow();
    assertThat(best.validationAccuracy()).isEqualTo(highest);
    assertThat(
            seen.stream()
                .filter(e -> e.validationAccuracy() == highest)
                .findFirst()
                .orElseThrow()
                .epoch())
        .isEqualTo(outcome.bestEpoch());
    assertThat(outcome.epochsRun()).isEqualTo(Math.min(30, outcome.bestEpoch() + 2));
    assertThat(outcome.bestValidationLoss()).isEqualTo(best.validationLoss());
  }

  /** The mean absolute value of an artifact's weights (biases left out). */
  private static double meanAbsWeight(ModelArtifact artifact) {
    ModelManifest m = artifact.manifest();
    Block block = ModelFamilies.build(m.family(), m.hiddenUnits(), m.classes().size(), m.dropout());
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelTrainer.restore(block, manager, artifact.parameters());
      double sum = 0;
      long count = 0;
      for (var p : block.getParameters()) {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          for (float v : p.getValue().getArray().toFloatArray()) {
            sum += Math.abs(v);
            count++;
          }
        }
      }
      return sum / count;
    }
  }

  @Test
  void eachEpochTrainsAtItsScheduledRate() {
    LearningRateSchedule step =
        LearningRateSchedule.newBuilder().setType("step").setStepEpochs(2).setGamma(0.1).build();
    List<EpochReport> constant = new ArrayList<>();
    List<EpochReport> stepped = new ArrayList<>();
    train(TrainingSettings.from(config(4, 4, "sgd").build()), constant);
    train(TrainingSettings.from(config(4, 4, "sgd").setSchedule(step).build()), stepped);

    // Each epoch's rate, as the float32 the optimizer takes.
    assertThat(stepped.stream().mapToDouble(EpochReport::learningRate).toArray())
        .containsExactly(new double[] {0.05f, 0.05f, 0.005f, 0.005f}, within(1e-12));
    assertThat(constant).extracting(EpochReport::learningRate).containsOnly((double) 0.05f);
    // Same seed, same rate for two epochs: the same model so far; then the smaller rate moves the
    // weights less, so the runs part.
    assertThat(stepped.get(1).trainLoss()).isEqualTo(constant.get(1).trainLoss());
    assertThat(stepped.get(2).trainLoss()).isNotEqualTo(constant.get(2).trainLoss());
  }

  private static TrainingOutcome train(TrainingSettings s, List<EpochReport> seen) {
    return TRAINER.train(
        s, data.featureNames(), BreastCancer.CLASSES, training, validation, seen::add);
  }

  @Test
  void learnsBreastCancerWellAboveChanceAndTheArtifactPredictsTheSame() {
    List<EpochReport> seen = new ArrayList<>();
    TrainingOutcome outcome = train(settings(8, 3, "adam"), seen);
    System.out.printf(
        "breast cancer mlp[16,8] adam: %d epochs, best %d, validation accuracy %.4f loss %.4f, %d ms%n",
        outcome.epochsRun(),
        outcome.bestEpoch(),
        outcome.bestValidationAccuracy(),
        outcome.bestValidationLoss(),
        outcome.durationMs());

    // The majority class (benign) is 63% of the rows: "chance" for this data set.
    assertThat(outcome.bestValidationAccuracy()).isGreaterThan(0.93);
    assertThat(seen).hasSize(outcome.epochsRun()).isEqualTo(outcome.epochs());
    assertThat(seen.get(0).epoch()).isEqualTo(1);
    assertThat(seen.get(seen.size() - 1).trainAccuracy()).isGreaterThan(0.9);
    assertThat(seen.get(outcome.bestEpoch() - 1).best()).isTrue();
    assertThat(seen.get(outcome.bestEpoch() - 1).validationLoss())
        .isEqualTo(outcome.bestValidationLoss());
    assertThat(outcome.device()).isEqualTo("cpu");
    assertThat(outcome.samples()).isEqualTo((long) outcome.epochsRun() * training.rows());

    byte[] bytes = outcome.artifact().toBytes();
    ModelArtifact reread = ModelArtifact.fromBytes(bytes);
    assertThat(reread.manifest()).isEqualTo(outcome.artifact().manifest());
    assertThat(reread.manifest().featureNames()).hasSize(30).startsWith("mean_radius");
    assertThat(reread.manifest().classes()).containsExactly("benign", "malignant");
    assertThat(reread.manifest().hiddenUnits()).containsExactly(16, 8);

    float[][] testRows = rows(test);
    try (ModelPredictor direct = ModelPredictor.load(outcome.artifact(), Device.cpu());
        ModelPredictor fromBytes = ModelPredictor.load(bytes)) {
      float[][] p1 = direct.predictProba(testRows);
      float[][] p2 = fromBytes.predictProba(testRows);
      assertThat(p2).isDeepEqualTo(p1);
      for (float[] p : p1) {
        assertThat(p[0] + p[1]).isCloseTo(1f, within(1e-5f));
      }
      double testAccuracy = accuracy(p1, test.y());
      System.out.printf("breast cancer mlp[16,8] adam: test accuracy %.4f%n", testAccuracy);
      assertThat(testAccuracy).isGreaterThan(0.9);

      // The artifact holds the best epoch's weights: its validation loss is the best one.
      float[][] pv = fromBytes.predictProba(rows(validation));
      assertThat(logLoss(pv, validation.y())).isCloseTo(outcome.bestValidationLoss(), within(1e-4));
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpochNotTheLast() {
    // A large learning rate over many epochs overfits 399 rows: validation loss turns up.
    TrainingSettings s =
        TrainingSettings.from(
            TrainingConfig.newBuilder()
                .addHiddenUnits(64)
                .setMaxEpochs(60)
                .setBatchSize(16)
                .setLearningRate(0.05)
                .setPatience(2)
                .setSeed(3)
                .build());
    List<EpochReport> seen = new ArrayList<>();
    TrainingOutcome outcome = train(s, seen);
    System.out.printf(
        "early stopping: stopped after epoch %d, best epoch %d (validation loss %.4f)%n",
        outcome.epochsRun(), outcome.bestEpoch(), outcome.bestValidationLoss());

    assertThat(outcome.stoppedEarly()).isTrue();
    assertThat(outcome.epochsRun()).isEqualTo(outcome.bestEpoch() + 2);
    double bestSeen = seen.stream().mapToDouble(EpochReport::validationLoss).min().orElseThrow();
    assertThat(outcome.bestValidationLoss()).isEqualTo(bestSeen);
    double last = seen.get(seen.size() - 1).validationLoss();
    assertThat(last).isGreaterThan(bestSeen);
    try (ModelPredictor p = ModelPredictor.load(outcome.artifact().toBytes())) {
      double restored = logLoss(p.predictProba(rows(validation)), validation.y());
      assertThat(restored).isCloseTo(bestSeen, within(1e-4));
    }
  }

  @Test
  void theSeedFixesTheModelBitForBit() {
    TrainingOutcome a = train(settings(3, 3, "sgd"), new ArrayList<>());
    TrainingOutcome b = train(settings(3, 3, "sgd"), new ArrayList<>());
    assertThat(a.artifact().sha256()).isEqualTo(b.artifact().sha256());
    assertThat(a.bestValidationAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void refusesLabelsOutsideTheClassesAndMismatchedFeatures() {
    TrainingData bad = TrainingData.builder(30).add(new float[30], new int[] {2}).build();
    assertThatThrownBy(
            () ->
                TRAINER.train(
                    settings(1, 1, "adam"),
                    data.featureNames(),
                    BreastCancer.CLASSES,
                    bad,
                    validation,
                    EpochListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 2");
    assertThatThrownBy(
            () ->
                TRAINER.train(
                    settings(1, 1, "adam"),
                    List.of("a", "b"),
                    BreastCancer.CLASSES,
                    training,
                    validation,
                    EpochListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature names");
  }

  static float[][] rows(TrainingData d) {
    float[][] out = new float[d.rows()][];
    for (int i = 0; i < d.rows(); i++) {
      out[i] = d.row(i);
    }
    return out;
  }

  static double accuracy(float[][] p, int[] y) {
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      int arg = p[i][1] > p[i][0] ? 1 : 0;
      correct += arg == y[i] ? 1 : 0;
    }
    return (double) correct / y.length;
  }

  static double logLoss(float[][] p, int[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum -= Math.log(p[i][y[i]]);
    }
    return sum / y.length;
  }
}
