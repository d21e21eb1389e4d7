package io.trainyard.registry;

import com.google.protobuf.Timestamp;
import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;

/** Maps a stored version to the {@code ModelVersionRegistered} event that announces it. */
public final class RegisteredEvents {

  private RegisteredEvents() {}

  public static ModelVersionRegistered of(VersionRecord v) {
    ModelVersionRegistered.Builder b =
        ModelVersionRegistered.newBuilder()
            .setEventId(v.registeredEventId())
            .setModelName(v.model())
            .setVersion(v.version())
            .putAllMetrics(v.metrics())
            .setRequestId(v.requestId());
    if (v.lineage() != null) {
      b.setDataset(
          DatasetRef.newBuilder()
              .setDatasetId(v.lineage().datasetId())
              .setVersion(v.lineage().datasetVersion())
              .setSpecHash(v.lineage().specHash()));
    }
    if (v.artifact() != null) {
      b.setArtifact(
          ArtifactRef.newBuilder()
              .setId(v.artifact().id())
              .setSha256(v.artifact().sha256())
              .setSizeBytes(v.artifact().sizeBytes())
              .setFormat(v.artifact().format()));
    }
    if (v.createTime() != null) {
      b.setRegisteredAt(
          Timestamp.newBuilder()
              .setSeconds(v.createTime().getEpochSecond())
              .setNanos(v.createTime().getNano()));
    }
    return b.build();
  }
}
