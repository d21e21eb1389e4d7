package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;

/** The prepared data sets this stage has published, one per data set version. */
public interface PreparedStore {

  /** True when {@code ref} (data set id and version) was prepared. */
  boolean exists(DatasetRef ref);

  /** Stores a prepared data set version (idempotent: a second save replaces the first). */
  void save(DatasetPrepared prepared, long unlabeled, long durationMillis);
}
