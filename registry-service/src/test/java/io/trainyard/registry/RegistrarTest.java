package io.trainyard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.contracts.events.v1.ConfusionMatrix;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event-to-version mapping and the event checks; storage is covered by RegistryServiceTest. */
class RegistrarTest {

  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.006Z");

  private final Registrar registrar =
      new Registrar(null, e -> {}, Clock.fixed(NOW, ZoneOffset.UTC), () -> "evt-1");

  static ModelEvaluated evaluated() {
    return ModelEvaluated.newBuilder()
        .setEventId("eval-9")
        .setRequestId("req-7")
        .setModelName("breast-cancer-mlp")
        .setDataset(
            DatasetRef.newBuilder().setDatasetId("breast-cancer").setVersion(3).setSpecHash("abc"))
        .setArtifact(
            ArtifactRef.newBuilder()
                .setId("art")
                .setSha256("f00d")
                .setSizeBytes(1234)
                .setFormat("djl-mlp"))
        .putMetrics("accuracy", 0.975)
        .putMetrics("f1", 0.97)
        .setConfusionMatrix(
            ConfusionMatrix.newBuilder()
                .addAllClasses(List.of("benign", "malignant"))
                .addAllCounts(List.of(35L, 1L, 0L, 21L)))
        .setConfig(TrainingConfig.newBuilder().setFamily("mlp"))
        .setEpochsRun(17)
        .setBlessed(true)
        .setDevice("cpu")
        .build();
  }

  @Test
  void draftCarriesMetricsLineageArtifactAndMatrix() {
    VersionRecord v = registrar.draft(evaluated());
    assertThat(v.model()).isEqualTo("breast-cancer-mlp");
    assertThat(v.requestId()).isEqualTo("req-7");
    assertThat(v.evaluationEventId()).isEqualTo("eval-9");
    assertThat(v.registeredEventId()).isEqualTo("evt-1");
    assertThat(v.published()).isFalse();
    assertThat(v.metrics()).isEqualTo(Map.of("accuracy", 0.975, "f1", 0.97));
    assertThat(v.lineage())
        .isEqualTo(new VersionRecord.Lineage("breast-cancer", 3, "abc", "req-7"));
    assertThat(v.artifact()).isEqualTo(new VersionRecord.Artifact("art", "f00d", 1234, "djl-mlp"));
    assertThat(v.classes()).containsExactly("benign", "malignant");
    assertThat(v.confusionMatrix()).containsExactly(35L, 1L, 0L, 21L);
    assertThat(v.blessed()).isTrue();
    assertThat(v.family()).isEqualTo("mlp");
    assertThat(v.epochsRun()).isEqualTo(17);
    assertThat(v.createTime()).isEqualTo(NOW);
  }

  @Test
  void registeredEventMirrorsTheVersion() {
    ModelVersionRegistered e = RegisteredEvents.of(registrar.draft(evaluated()).withVersion(4));
    assertThat(e.getEventId()).isEqualTo("evt-1");
    assertThat(e.getModelName()).isEqualTo("breast-cancer-mlp");
    assertThat(e.getVersion()).isEqualTo(4);
    assertThat(e.getRequestId()).isEqualTo("req-7");
    assertThat(e.getDataset().getDatasetId()).isEqualTo("breast-cancer");
    assertThat(e.getDataset().getVersion()).isEqualTo(3);
    assertThat(e.getMetricsMap()).containsEntry("accuracy", 0.975);
    assertThat(e.getArtifact().getSha256()).isEqualTo("f00d");
    assertThat(e.getRegisteredAt().getSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(e.getRegisteredAt().getNanos()).isEqualTo(6_000_000);
  }

  @Test
  void refusesEventsMissingWhatAVersionNeeds() {
    assertThatThrownBy(() -> registrar.register(evaluated().toBuilder().clearRequestId().build()))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("request_id");
    assertThatThrownBy(() -> registrar.register(evaluated().toBuilder().clearModelName().build()))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("model_name");
    assertThatThrownBy(
            () -> registrar.register(evaluated().toBuilder().setModelName("Bad Name").build()))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("not a valid model name");
    assertThatThrownBy(() -> registrar.register(evaluated().toBuilder().clearDataset().build()))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("dataset.dataset_id");
  }
}
