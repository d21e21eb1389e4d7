package io.trainyard.cleaning.service;

import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;

/** The profiles this stage has published, one per data set version. */
public interface ProfileStore {

  /** True when a profile of {@code ref} (data set id and version) was stored. */
  boolean exists(DatasetRef ref);

  /** Stores the profile of a data set version (idempotent: a second save replaces the first). */
  void save(DatasetProfiled profiled, long durationMillis);
}
