package io.trainyard.registry.api;

import com.google.protobuf.Timestamp;
import io.trainyard.contracts.registry.v1.Artifact;
import io.trainyard.contracts.registry.v1.Lineage;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import io.trainyard.registry.ModelRecord;
import io.trainyard.registry.RegisteredVersion;
import io.trainyard.registry.ResourceNames;
import io.trainyard.registry.VersionRecord;
import java.time.Instant;

/** Maps stored records to the registry API's protobuf messages. */
final class ProtoMapper {

  private ProtoMapper() {}

  static Model model(ModelRecord m) {
    Model.Builder b =
        Model.newBuilder()
            .setName(ResourceNames.modelName(m.name()))
            .setModelId(m.name())
            .setLatestVersion(m.latestVersion())
            .setVersionCount(m.versionCount())
            .putAllAliases(m.aliases());
    if (m.createTime() != null) {
      b.setCreateTime(timestamp(m.createTime()));
    }
    if (m.updateTime() != null) {
      b.setUpdateTime(timestamp(m.updateTime()));
    }
    return b.build();
  }

  static ModelVersion version(RegisteredVersion rv) {
    VersionRecord v = rv.record();
    ModelVersion.Builder b =
        ModelVersion.newBuilder()
            .setName(ResourceNames.versionName(v.model(), v.version()))
            .setModelId(v.model())
            .setVersion(v.version())
            .putAllMetrics(v.metrics())
            .addAllAliases(rv.aliases())
            .setBlessed(v.blessed())
            .addAllClasses(v.classes())
            .addAllConfusionMatrix(v.confusionMatrix())
            .setFamily(nullToEmpty(v.family()));
    if (v.lineage() != null) {
      b.setLineage(
          Lineage.newBuilder()
              .setDatasetId(nullToEmpty(v.lineage().datasetId()))
              .setDatasetVersion(v.lineage().datasetVersion())
              .setSpecHash(nullToEmpty(v.lineage().specHash()))
              .setTrainingRequestId(nullToEmpty(v.lineage().trainingRequestId())));
    }
    if (v.artifact() != null) {
      b.setArtifact(
          Artifact.newBuilder()
              .setId(nullToEmpty(v.artifact().id()))
              .setSha256(nullToEmpty(v.artifact().sha256()))
              .setSizeBytes(v.artifact().sizeBytes())
              .setFormat(nullToEmpty(v.artifact().format())));
    }
    if (v.createTime() != null) {
      b.setCreateTime(timestamp(v.createTime()));
    }
    return b.build();
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
