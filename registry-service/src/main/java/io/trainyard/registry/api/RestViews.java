package io.trainyard.registry.api;

import io.trainyard.registry.ModelRecord;
import io.trainyard.registry.RegisteredVersion;
import io.trainyard.registry.ResourceNames;
import io.trainyard.registry.VersionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The REST (JSON) shapes of the registry's resources; field names follow the gRPC messages. */
public final class RestViews {

  private RestViews() {}

  /** A model. */
  public record ModelView(
      String name,
      String modelId,
      long latestVersion,
      long versionCount,
      Map<String, Long> aliases,
      Instant createTime,
      Instant updateTime) {
    static ModelView of(ModelRecord m) {
      return new ModelView(
          ResourceNames.modelName(m.name()),
          m.name(),
          m.latestVersion(),
          m.versionCount(),
          m.aliases(),
          m.createTime(),
          m.updateTime());
    }
  }

  /** A model version. */
  public record VersionView(
      String name,
      String modelId,
      long version,
      Map<String, Double> metrics,
      VersionRecord.Lineage lineage,
      VersionRecord.Artifact artifact,
      List<String> aliases,
      boolean blessed,
      List<String> classes,
      List<Long> confusionMatrix,
      String family,
      Instant createTime) {
    static VersionView of(RegisteredVersion rv) {
      VersionRecord v = rv.record();
      return new VersionView(
          ResourceNames.versionName(v.model(), v.version()),
          v.model(),
          v.version(),
          v.metrics(),
          v.lineage(),
          v.artifact(),
          rv.aliases(),
          v.blessed(),
          v.classes(),
          v.confusionMatrix(),
          v.family(),
          v.createTime());
    }
  }

  /** A page of models. */
  public record ModelsPage(List<ModelView> models, String nextPageToken) {}

  /** A page of versions. */
  public record VersionsPage(List<VersionView> versions, String nextPageToken) {}

  /** An error: what went wrong in words, and a stable reason code. */
  public record ErrorView(String error, String reason) {}
}
