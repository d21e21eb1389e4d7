package io.trainyard.evaluator;

import com.google.protobuf.Timestamp;
import io.trainyard.contracts.events.v1.ConfusionMatrix;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.evaluator.EvaluatorMetrics.Outcome;
import io.trainyard.evaluator.ExperimentStore.Experiment;
import io.trainyard.evaluator.ExperimentStore.State;
import io.trainyard.ml.artifact.ArtifactStore;
import io.trainyard.ml.predict.ModelPredictor;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The evaluator's two jobs. On a prepared data set: start one experiment per data set version and
 * ask for its training. On a trained model: evaluate it on the TEST split and publish the metrics
 * and the blessing. Both are idempotent: a replayed event publishes nothing twice.
 */
public final class ExperimentService {

  private static final Logger LOG = Logger.getLogger(ExperimentService.class);

  private final ExperimentStore experiments;
  private final ArtifactStore artifacts;
  private final TestBatches testBatches;
  private final EvaluatorOutput output;
  private final EvaluatorMetrics metrics;

  public ExperimentService(
      ExperimentStore experiments,
      ArtifactStore artifacts,
      TestBatches testBatches,
      EvaluatorOutput output,
      EvaluatorMetrics metrics) {
    this.experiments = experiments;
    this.artifacts = artifacts;
    this.testBatches = testBatches;
    this.output = output;
    this.metrics = metrics;
  }

  /**
   * Asks for the training of a prepared data set version (once): a TrainingRequested with a new
   * request id, the spec's training section as its config, and the whole DatasetPrepared.
   *
   * @throws PoisonEventException when the event names no data set or carries no usable spec
   */
  public Outcome onPrepared(DatasetPrepared prepared) {
    if (!prepared.hasDataset()) {
      throw new PoisonEventException("required field 'dataset' is missing");
    }
    Envelopes.require(prepared.getDataset().getDatasetId(), "dataset.dataset_id");
    PipelineSpec spec = spec(prepared);
    Optional<Experiment> existing = experiments.findByDataset(prepared.getDataset());
    if (existing.isPresent() && existing.get().state() != State.PENDING) {
      LOG.infof(
          "%s already has experiment %s (%s)",
          ExperimentStore.key(prepared.getDataset()),
          existing.get().requestId(),
          existing.get().state());
      metrics.request(Outcome.DUPLICATE);
      return Outcome.DUPLICATE;
    }
    // PENDING: recorded but maybe never published (a crash in between): publish it now, same id.
    String requestId =
        existing.map(Experiment::requestId).orElseGet(() -> UUID.randomUUID().toString());
    if (existing.isEmpty()) {
      experiments.create(requestId, prepared.getDataset(), spec.modelName());
    }
    TrainingRequested request =
        TrainingRequested.newBuilder()
            .setEventId(eventId("requested", requestId))
            .setRequestId(requestId)
            .setDataset(prepared.getDataset())
            .setModelName(spec.modelName())
            .setConfig(TrainingConfigs.fromSpec(spec.training()))
            .setPrepared(prepared)
            .build();
    output.trainingRequested(request);
    experiments.requested(requestId);
    metrics.request(Outcome.PROCESSED);
    LOG.infof(
        "requested training %s of %s for %s",
        requestId, spec.modelName(), ExperimentStore.key(prepared.getDataset()));
    return Outcome.PROCESSED;
  }

  /**
   * Evaluates a trained model on its TEST split (once per request id) and publishes ModelEvaluated.
   *
   * @throws PoisonEventException when the event lacks what identifies the model
   * @throws RuntimeException when the model cannot be evaluated (recorded as EVALUATION_FAILED; the
   *     caller dead-letters the event so that it can be replayed once the cause is fixed)
   */
  public Outcome onCompleted(TrainingCompleted completed) {
    Envelopes.require(completed.getRequestId(), "request_id");
    Envelopes.require(completed.getModelName(), "model_name");
    if (!completed.hasArtifact()) {
      throw new PoisonEventException("required field 'artifact' is missing");
    }
    Envelopes.require(completed.getArtifact().getId(), "artifact.id");
    if (!completed.hasPrepared() || !completed.hasDataset()) {
      throw new PoisonEventException("required fields 'prepared' and 'dataset' are needed");
    }
    String requestId = completed.getRequestId();
    Optional<Experiment> experiment = experiments.find(requestId);
    if (experiment.isPresent() && experiment.get().state() == State.EVALUATED) {
      LOG.infof("request %s is already evaluated", requestId);
      metrics.evaluation(Outcome.DUPLICATE);
      return Outcome.DUPLICATE;
    }
    long started = System.nanoTime();
    ModelEvaluated evaluated;
    try {
      evaluated = evaluate(completed);
    } catch (RuntimeException e) {
      metrics.evaluation(Outcome.FAILED);
      metrics.duration(Duration.ofNanos(System.nanoTime() - started));
      experiments.failed(
          requestId,
          completed.getDataset(),
          completed.getModelName(),
          State.EVALUATION_FAILED,
          String.valueOf(e.getMessage()));
      throw e;
    }
    output.modelEvaluated(evaluated);
    experiments.evaluated(evaluated);
    metrics.evaluation(Outcome.PROCESSED);
    metrics.duration(Duration.ofNanos(System.nanoTime() - started));
    LOG.infof(
        "request %s (%s): test accuracy %.4f, roc auc %.4f on %d rows, blessed %s",
        requestId,
        completed.getModelName(),
        evaluated.getMetricsOrDefault(Metrics.ACCURACY, Double.NaN),
        evaluated.getMetricsOrDefault(Metrics.ROC_AUC, Double.NaN),
        (long) evaluated.getMetricsOrDefault(Metrics.TEST_ROWS, 0),
        evaluated.getBlessed());
    return Outcome.PROCESSED;
  }

  /** Marks the experiment FAILED with the trainer's reason. */
  public void onFailed(TrainingFailed failed) {
    Envelopes.require(failed.getRequestId(), "request_id");
    LOG.infof(
        "training %s of %s failed: %s",
        failed.getRequestId(), failed.getModelName(), failed.getReason());
    experiments.failed(
        failed.getRequestId(),
        failed.getDataset(),
        failed.getModelName(),
        State.FAILED,
        failed.getReason());
  }

  private ModelEvaluated evaluate(TrainingCompleted completed) {
    DatasetPrepared prepared = completed.getPrepared();
    double minAccuracy =
        prepared.getSpecJson().isBlank() ? 0.0 : spec(prepared).evaluation().minAccuracy();
    byte[] bytes = artifacts.require(completed.getArtifact().getId());
    int classes = prepared.getClassesCount();
    List<int[]> labels = new ArrayList<>();
    List<float[][]> predictions = new ArrayList<>();
    try (ModelPredictor predictor = ModelPredictor.load(bytes)) {
      if (!predictor.classes().equals(prepared.getClassesList())) {
        throw new IllegalStateException(
            "the model's classes "
                + predictor.classes()
                + " are not the data set's "
                + prepared.getClassesList());
      }
      if (predictor.features() != prepared.getFeatureNamesCount()) {
        throw new IllegalStateException(
            "the model takes "
                + predictor.features()
                + " features, the data set has "
                + prepared.getFeatureNamesCount());
      }
      long rows =
          testBatches.forEach(
              completed.getDataset(),
              prepared.getTest(),
              predictor.features(),
              (x, y) -> {
                labels.add(y);
                predictions.add(predictor.predictProba(x, y.length));
              });
      if (rows == 0) {
        throw new IllegalStateException("the test split has no rows to evaluate on");
      }
    }
    int[] actual = labels.stream().flatMapToInt(Arrays::stream).toArray();
    float[][] probabilities = predictions.stream().flatMap(Arrays::stream).toArray(float[][]::new);
    Metrics.Report report = Metrics.evaluate(actual, probabilities, classes);

    Instant now = Instant.now();
    return ModelEvaluated.newBuilder()
        .setEventId(eventId("evaluated", completed.getRequestId()))
        .setRequestId(completed.getRequestId())
        .setDataset(completed.getDataset())
        .setModelName(completed.getModelName())
        .setArtifact(completed.getArtifact())
        .putAllMetrics(report.asMap())
        .setConfusionMatrix(
            ConfusionMatrix.newBuilder()
                .addAllClasses(prepared.getClassesList())
                .addAllCounts(Arrays.stream(report.confusion().flat()).boxed().toList()))
        .setConfig(completed.getConfig())
        .setEpochsRun(completed.getEpochsRun())
        .setBlessed(report.accuracy() >= minAccuracy)
        .setDevice(completed.getDevice())
        .setEvaluatedAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
  }

  private static PipelineSpec spec(DatasetPrepared prepared) {
    try {
      return SpecParser.fromJson(Envelopes.require(prepared.getSpecJson(), "spec_json"));
    } catch (SpecException e) {
      throw new PoisonEventException(
          "spec_json is not a usable pipeline spec: " + e.getMessage(), e);
    }
  }

  /** Event ids derived from the request, so that a re-published event keeps its id. */
  static String eventId(String kind, String requestId) {
    return UUID.nameUUIDFromBytes((kind + ":" + requestId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
