package io.trainyard.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model, as the registry stores it. Mapped explicitly to the gRPC and
 * REST shapes and to the {@code ModelVersionRegistered} event; never put on the wire as is.
 *
 * @param requestId the training request that produced it (unique: one version per request)
 * @param registeredEventId the id of the ModelVersionRegistered event announcing it (fixed at
 *     registration, so a re-publish after a crash carries the same id)
 * @param published whether that event was acknowledged by the broker
 */
public record VersionRecord(
    String model,
    long version,
    String requestId,
    String evaluationEventId,
    String registeredEventId,
    boolean published,
    Map<String, Double> metrics,
    Lineage lineage,
    Artifact artifact,
    List<String> classes,
    List<Long> confusionMatrix,
    boolean blessed,
    String family,
    String device,
    int epochsRun,
    Instant createTime) {

  public VersionRecord {
    metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
    classes = List.copyOf(classes == null ? List.of() : classes);
    confusionMatrix = List.copyOf(confusionMatrix == null ? List.of() : confusionMatrix);
  }

  /** Where the version came from. */
  public record Lineage(
      String datasetId, int datasetVersion, String specHash, String trainingRequestId) {}

  /** The trained parameters, in GridFS. */
  public record Artifact(String id, String sha256, long sizeBytes, String format) {}

  /** The same record under another version number. */
  public VersionRecord withVersion(long number) {
    return new VersionRecord(
        model,
        number,
        requestId,
        evaluationEventId,
        registeredEventId,
        published,
        metrics,
        lineage,
        artifact,
        classes,
        confusionMatrix,
        blessed,
        family,
        device,
        epochsRun,
        createTime);
  }

  /** The same record with the published flag set. */
  public VersionRecord asPublished() {
    return new VersionRecord(
        model,
        version,
        requestId,
        evaluationEventId,
        registeredEventId,
        true,
        metrics,
        lineage,
        artifact,
        classes,
        confusionMatrix,
        blessed,
        family,
        device,
        epochsRun,
        createTime);
  }
}
