package io.trainyard.ingest.versions;

import java.util.Optional;

/** Where ingest keeps its data set versions (MongoDB {@code trainyard_ingest} in production). */
public interface DatasetRepository {

  /** Allocates the next version of a data set, atomically: 1, 2, 3, ... per id. */
  int nextVersion(String datasetId);

  /** Stores a new version (its id and version must be new). */
  void insert(DatasetRecord record);

  /** Replaces a stored version with a later state of it. */
  void update(DatasetRecord record);

  /** One version of a data set. */
  Optional<DatasetRecord> find(String datasetId, int version);

  /** The highest version of a data set. */
  Optional<DatasetRecord> latest(String datasetId);
}
