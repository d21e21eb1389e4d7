package io.trainyard.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where the registry keeps models and versions. Implementations must allocate version numbers
 * atomically per model and keep at most one version per training request, using single-document
 * atomic updates and unique keys only (no multi-document transactions).
 */
public interface RegistryStore {

  /** The version registered for a training request, if there is one. */
  Optional<VersionRecord> findByRequestId(String requestId);

  /**
   * Allocates the next version number of {@code draft.model()} (creating the model on its first
   * version) and stores the version under it; {@code draft.version()} is ignored.
   *
   * @return the stored version, with its number
   * @throws DuplicateRequestException when a version for {@code draft.requestId()} exists already
   */
  VersionRecord register(VersionRecord draft);

  /**
   * Brings the model up to date with a stored version: latest version, version count and the {@code
   * blessed} alias. Idempotent, so a registration cut short can be finished on replay.
   */
  void completeRegistration(VersionRecord version);

  /** Records that the version's ModelVersionRegistered event was acknowledged. */
  void markPublished(String model, long version);

  /** A model with at least one completed version. */
  Optional<ModelRecord> findModel(String model);

  /**
   * Models by name, ascending, after {@code afterName} (null: from the first), at most {@code
   * limit}.
   */
  List<ModelRecord> listModels(String afterName, int limit);

  Optional<VersionRecord> findVersion(String model, long version);

  /** Versions of a model, ascending, after {@code afterVersion}, at most {@code limit}. */
  List<VersionRecord> listVersions(String model, long afterVersion, int limit);

  /** A second registration for one training request. */
  class DuplicateRequestException extends RuntimeException {
    public DuplicateRequestException(String requestId) {
      super("a version for training request " + requestId + " exists already");
    }
  }
}
