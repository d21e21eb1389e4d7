package io.trainyard.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.trainyard.contracts.registry.v1.Artifact;
import io.trainyard.contracts.registry.v1.Lineage;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPrinterTest {

  static ModelVersion version() {
    return ModelVersion.newBuilder()
        .setName("models/breast-cancer-mlp/versions/3")
        .setModelId("breast-cancer-mlp")
        .setVersion(3)
        .putMetrics("roc_auc", 0.99869)
        .putMetrics("accuracy", 0.9824561)
        .putMetrics("test_rows", 57)
        .putMetrics("zeta", 1.5)
        .addAliases("blessed")
        .addAliases("latest")
        .setBlessed(true)
        .addClasses("benign")
        .addClasses("malignant")
        .addAllConfusionMatrix(List.of(35L, 1L, 0L, 21L))
        .setFamily("mlp")
        .setLineage(
            Lineage.newBuilder()
                .setDatasetId("breast-cancer")
                .setDatasetVersion(1)
                .setSpecHash("0123456789abcdef0123")
                .setTrainingRequestId("req-1"))
        .setArtifact(
            Artifact.newBuilder()
                .setId("a1")
                .setSha256("f00d")
                .setSizeBytes(12_697)
                .setFormat("djl-mlp"))
        .setCreateTime(Timestamp.newBuilder().setSeconds(1_735_787_045L))
        .build();
  }

  @Test
  void printsAVersionInFull() {
    assertThat(ModelPrinter.version(version()))
        .isEqualTo(
            String.join(
                "\n",
                "model     breast-cancer-mlp",
                "version   3  (blessed, latest)",
                "blessed   yes",
                "family    mlp",
                "created   2025-01-02T03:04:05Z",
                "metrics (test split)",
                "  accuracy   0.9825",
                "  roc_auc    0.9987",
                "  test_rows  57",
                "  zeta       1.5000",
                "confusion matrix (rows: true class, columns: predicted)",
                "                benign  malignant",
                "  benign            35          1",
                "  malignant          0         21",
                "lineage   data set breast-cancer v1, spec 0123456789ab, training request req-1",
                "artifact  djl-mlp, 12.4 KiB, sha256 f00d, id a1"));
  }

  @Test
  void confusionMatrixNeedsASquareOfCounts() {
    assertThat(ModelPrinter.confusion(List.of("a", "b"), List.of(1L, 2L, 3L))).isEmpty();
    assertThat(ModelPrinter.confusion(List.of(), List.of())).isEmpty();
  }

  @Test
  void listsModelsAsATable() {
    Model m =
        Model.newBuilder()
            .setModelId("breast-cancer-mlp")
            .setLatestVersion(3)
            .setVersionCount(3)
            .putAllAliases(Map.of("latest", 3L, "blessed", 2L))
            .build();
    String table = ModelPrinter.models(List.of(m));
    assertThat(table.lines().toList())
        .containsExactly(
            "MODEL              LATEST  VERSIONS  ALIASES                   UPDATED",
            "breast-cancer-mlp       3         3  blessed=2 latest=3");
    assertThat(ModelPrinter.models(List.of())).isEqualTo("No models registered yet.");
  }
}
