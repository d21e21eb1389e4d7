package io.trainyard.evaluator;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import java.util.Optional;

/**
 * One experiment per training request: which data set version it trains on, and where it stands.
 * {@code PENDING} (recorded, request not yet published) → {@code REQUESTED} → {@code EVALUATED}, or
 * {@code FAILED} (training failed) / {@code EVALUATION_FAILED} (the model could not be evaluated).
 */
public interface ExperimentStore {

  enum State {
    PENDING,
    REQUESTED,
    EVALUATED,
    FAILED,
    EVALUATION_FAILED
  }

  record Experiment(String requestId, String datasetKey, String modelName, State state) {}

  /** The experiment of a data set version, if one was started. */
  Optional<Experiment> findByDataset(DatasetRef dataset);

  Optional<Experiment> find(String requestId);

  /** Records a new PENDING experiment. */
  void create(String requestId, DatasetRef dataset, String modelName);

  void requested(String requestId);

  /** Records the evaluation (creating the experiment when the request came from elsewhere). */
  void evaluated(ModelEvaluated evaluated);

  /** Records a failure with its reason (creating the experiment when unknown). */
  void failed(String requestId, DatasetRef dataset, String modelName, State state, String reason);

  /** The key of a data set version: {@code <dataset_id>@<version>}. */
  static String key(DatasetRef dataset) {
    return dataset.getDatasetId() + "@" + dataset.getVersion();
  }
}
