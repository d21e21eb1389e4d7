package io.trainyard.contracts;

import java.util.List;

/**
 * Kafka topic names: {@code trainyard.<stage>.<what>.v1}. Records are keyed by the data set id
 * (data and data-set control events) or the model name (training, evaluation and registry events),
 * so one data set's or model's events stay ordered on one partition.
 */
public final class Topics {

  /** Raw {@link io.trainyard.contracts.events.v1.RowChunk}s, produced by ingest. */
  public static final String INGEST_CHUNKS = "trainyard.ingest.chunks.v1";

  /** DatasetOpened and DatasetSealed, produced by ingest. */
  public static final String INGEST_DATASETS = "trainyard.ingest.datasets.v1";

  /** Cleaned RowChunks, produced by cleaning. */
  public static final String CLEANING_CHUNKS = "trainyard.cleaning.chunks.v1";

  /** DatasetProfiled, produced by cleaning. */
  public static final String CLEANING_PROFILES = "trainyard.cleaning.profiles.v1";

  /** PreparedBatches, produced by labeling. */
  public static final String LABELING_BATCHES = "trainyard.labeling.batches.v1";

  /** DatasetPrepared, produced by labeling. */
  public static final String LABELING_DATASETS = "trainyard.labeling.datasets.v1";

  /** TrainingRequested, produced by the evaluator. */
  public static final String TRAINING_REQUESTS = "trainyard.training.requests.v1";

  /** EpochCompleted, produced by the trainer. */
  public static final String TRAINING_EPOCHS = "trainyard.training.epochs.v1";

  /** TrainingCompleted and TrainingFailed, produced by the trainer. */
  public static final String TRAINING_RESULTS = "trainyard.training.results.v1";

  /** ModelEvaluated, produced by the evaluator. */
  public static final String EVALUATION_RESULTS = "trainyard.evaluation.results.v1";

  /** ModelVersionRegistered, produced by the registry. */
  public static final String REGISTRY_EVENTS = "trainyard.registry.events.v1";

  public static final String INGEST_DLQ = dlq("ingest");
  public static final String CLEANING_DLQ = dlq("cleaning");
  public static final String LABELING_DLQ = dlq("labeling");
  public static final String TRAINING_DLQ = dlq("training");
  public static final String EVALUATION_DLQ = dlq("evaluation");
  public static final String REGISTRY_DLQ = dlq("registry");

  /** Every topic of the platform, for provisioning. */
  public static final List<String> ALL =
      List.of(
          INGEST_CHUNKS,
          INGEST_DATASETS,
          CLEANING_CHUNKS,
          CLEANING_PROFILES,
          LABELING_BATCHES,
          LABELING_DATASETS,
          TRAINING_REQUESTS,
          TRAINING_EPOCHS,
          TRAINING_RESULTS,
          EVALUATION_RESULTS,
          REGISTRY_EVENTS,
          INGEST_DLQ,
          CLEANING_DLQ,
          LABELING_DLQ,
          TRAINING_DLQ,
          EVALUATION_DLQ,
          REGISTRY_DLQ);

  /** The dead-letter topic of a stage. */
  public static String dlq(String stage) {
    return "trainyard." + stage + ".dlq.v1";
  }

  private Topics() {}
}
