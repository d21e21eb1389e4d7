package io.trainyard.trainer;

import com.google.protobuf.Timestamp;
import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.ml.Devices;
import io.trainyard.ml.artifact.ArtifactStore;
import io.trainyard.ml.train.EpochReport;
import io.trainyard.ml.train.ModelTrainer;
import io.trainyard.ml.train.TrainingData;
import io.trainyard.ml.train.TrainingOutcome;
import io.trainyard.ml.train.TrainingSettings;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.PoisonEventException;
import io.trainyard.trainer.TrainerMetrics.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a TrainingRequested into a trained, stored model: replays the train and validation batches,
 * trains (reporting every epoch), stores the artifact by content hash and announces the result.
 *
 * <ul>
 *   <li>A request that cannot be read at all (no request id, model name, data set or prepared data
 *       set) is a {@link PoisonEventException}: the caller dead-letters it.
 *   <li>Any other failure — a bad config, a data set too large for the heap ({@link
 *       TrainingLimits}), batches that do not fit, the engine, running out of memory — becomes a
 *       TrainingFailed with the reason, the run is recorded as FAILED with the request kept, and
 *       the trainer goes on with the next request.
 *   <li>A request started {@link TrainingLimits#maxAttempts()} times without ever finishing (the
 *       trainer stopped during each attempt) fails for good: TrainingFailed with the reason, and
 *       the request goes to the dead-letter topic.
 *   <li>A request whose run already COMPLETED or FAILED is a duplicate: nothing is trained or
 *       published again.
 * </ul>
 */
public final class TrainingService {

  private static final Logger LOG = Logger.getLogger(TrainingService.class);

  private final BatchReplay batches;
  private final ModelTrainer trainer;
  private final ArtifactStore artifacts;
  private final RunStore runs;
  private final TrainingOutput output;
  private final TrainerMetrics metrics;
  private final TrainingLimits limits;

  public TrainingService(
      BatchReplay batches,
      ModelTrainer trainer,
      ArtifactStore artifacts,
      RunStore runs,
      TrainingOutput output,
      TrainerMetrics metrics,
      TrainingLimits limits) {
    this.batches = batches;
    this.trainer = trainer;
    this.artifacts = artifacts;
    this.runs = runs;
    this.output = output;
    this.metrics = metrics;
    this.limits = limits;
  }

  /**
   * Handles one request.
   *
   * @throws PoisonEventException when the request lacks what identifies it
   * @throws RuntimeException when the result (TrainingCompleted, or even TrainingFailed) cannot be
   *     published or recorded, or when the request was started too often without finishing (after
   *     its TrainingFailed is out): the caller nacks, so the request goes to the dead-letter topic
   *     rather than being lost
   */
  public Outcome handle(TrainingRequested request) {
    checkIdentity(request);
    String requestId = request.getRequestId();
    Optional<RunStore.Run> previous = runs.find(requestId);
    if (previous.isPresent() && previous.get().finished()) {
      LOG.infof("request %s already %s: nothing to do", requestId, previous.get().state());
      metrics.run(Outcome.DUPLICATE);
      return Outcome.DUPLICATE;
    }
    long started = System.nanoTime();
    if (previous.isPresent() && !limits.mayStartAgain(previous.get().attempts())) {
      String reason =
          "started "
              + previous.get().attempts()
              + " times and never finished (the trainer stopped during each attempt: killed, out"
              + " of memory or crashed); not started again";
      LOG.warnf("request %s: %s", requestId, reason);
      fail(request, reason, started);
      throw new IllegalStateException(reason);
    }
    runs.begin(request);
    TrainingCompleted completed;
    try {
      completed = train(request, started);
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError | LinkageError e) {
      // Errors too: the splits and the model are this call's alone, so once it has unwound their
      // memory is free again and the trainer can go on with the next request.
      String reason = reason(e);
      LOG.warnf(e, "request %s failed: %s", requestId, reason);
      fail(request, reason, started);
      return Outcome.FAILED;
    }
    // Outside the try: once trained, a send that fails must not turn into a TrainingFailed. The
    // caller dead-letters the request; the run stays RUNNING, so a replay trains it again.
    output.trainingCompleted(completed);
    runs.completed(completed);
    metrics.run(Outcome.PROCESSED);
    metrics.duration(Duration.ofNanos(System.nanoTime() - started));
    LOG.infof(
        "request %s (%s): %d epochs, best %d, validation loss %.4f, artifact %s on %s",
        requestId,
        request.getModelName(),
        completed.getEpochsRun(),
        completed.getBestEpoch(),
        completed.getBestValidationLoss(),
        completed.getArtifact().getId(),
        completed.getDevice());
    return Outcome.PROCESSED;
  }

  private void fail(TrainingRequested request, String reason, long started) {
    String requestId = request.getRequestId();
    output.trainingFailed(
        TrainingFailed.newBuilder()
            .setEventId(eventId("failed", requestId))
            .setRequestId(requestId)
            .setDataset(request.getDataset())
            .setModelName(request.getModelName())
            .setReason(reason)
            .build());
    runs.failed(requestId, reason);
    metrics.run(Outcome.FAILED);
    metrics.duration(Duration.ofNanos(System.nanoTime() - started));
  }

  private TrainingCompleted train(TrainingRequested request, long started) {
    TrainingSettings settings = TrainingSettings.from(request.getConfig());
    DatasetPrepared prepared = request.getPrepared();
    int features = prepared.getFeatureNamesCount();
    if (features == 0) {
      throw new IllegalArgumentException("the prepared data set names no features");
    }
    if (prepared.getClassesCount() < 2) {
      throw new IllegalArgumentException(
          "the prepared data set has " + prepared.getClassesCount() + " classes; 2 are needed");
    }
    limits.checkFits(prepared.getTrain().getRows(), prepared.getValidation().getRows(), features);
    TrainingData train =
        batches.read(request.getDataset(), Split.TRAIN, prepared.getTrain(), features);
    TrainingData validation =
        batches.read(request.getDataset(), Split.VALIDATION, prepared.getValidation(), features);
    LOG.infof(
        "request %s (%s): training on %d rows, validating on %d, %d features, %d classes, on %s",
        request.getRequestId(),
        request.getModelName(),
        train.rows(),
        validation.rows(),
        features,
        prepared.getClassesCount(),
        Devices.name(trainer.device()));

    TrainingOutcome outcome =
        trainer.train(
            settings,
            prepared.getFeatureNamesList(),
            prepared.getClassesList(),
            train,
            validation,
            report -> {
              output.epochCompleted(epochEvent(request, report));
              metrics.epoch(train.rows());
            });
    ArtifactRef artifact = artifacts.put(outcome.artifact());
    Instant now = Instant.now();
    return TrainingCompleted.newBuilder()
        .setEventId(eventId("completed", request.getRequestId()))
        .setRequestId(request.getRequestId())
        .setDataset(request.getDataset())
        .setModelName(request.getModelName())
        .setConfig(request.getConfig())
        .setArtifact(artifact)
        .setEpochsRun(outcome.epochsRun())
        .setBestEpoch(outcome.bestEpoch())
        .setBestValidationLoss(outcome.bestValidationLoss())
        .setDevice(outcome.device())
        .setTrainingMs((System.nanoTime() - started) / 1_000_000)
        .setPrepared(prepared)
        .setCompletedAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
  }

  private static EpochCompleted epochEvent(TrainingRequested request, EpochReport r) {
    return EpochCompleted.newBuilder()
        .setEventId(Envelopes.newEventId())
        .setRequestId(request.getRequestId())
        .setDataset(request.getDataset())
        .setModelName(request.getModelName())
        .setEpoch(r.epoch())
        .setMaxEpochs(r.maxEpochs())
        .setTrainLoss(r.trainLoss())
        .setValidationLoss(r.validationLoss())
        .setTrainAccuracy(r.trainAccuracy())
        .setValidationAccuracy(r.validationAccuracy())
        .setDurationMs(r.durationMs())
        .setBest(r.best())
        .setLearningRate(r.learningRate())
        .build();
  }

  /** What must be there to train, or even to say that training failed. */
  static void checkIdentity(TrainingRequested request) {
    Envelopes.require(request.getRequestId(), "request_id");
    Envelopes.require(request.getModelName(), "model_name");
    if (!request.hasDataset()) {
      throw new PoisonEventException("required field 'dataset' is missing");
    }
    Envelopes.require(request.getDataset().getDatasetId(), "dataset.dataset_id");
    if (!request.hasConfig()) {
      throw new PoisonEventException("required field 'config' is missing");
    }
    if (!request.hasPrepared() || !request.getPrepared().hasTrain()) {
      throw new PoisonEventException("required field 'prepared' (with its train split) is missing");
    }
  }

  /**
   * The id of a result event: derived from the request, so that a result published twice (after a
   * crash between publishing and recording it) carries the same event id both times.
   */
  static String eventId(String kind, String requestId) {
    return UUID.nameUUIDFromBytes((kind + ":" + requestId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  static String reason(Throwable e) {
    String message = e.getMessage();
    String reason =
        message == null || message.isBlank()
            ? e.getClass().getSimpleName()
            : (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                ? message
                : e.getClass().getSimpleName() + ": " + message);
    return reason.length() > 1000 ? reason.substring(0, 1000) + "…" : reason;
  }
}
