package io.trainyard.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.ml.artifact.GridFsArtifactStore;
import io.trainyard.ml.train.EpochListener;
import io.trainyard.ml.train.ModelTrainer;
import io.trainyard.ml.train.TrainingData;
import io.trainyard.ml.train.TrainingOutcome;
import io.trainyard.ml.train.TrainingSettings;
import io.trainyard.testsupport.BreastCancer;
import io.trainyard.testsupport.PreparedData;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a real broker and store: DatasetPrepared in, TrainingRequested out; a real
 * trained model's TrainingCompleted in, ModelEvaluated out; TrainingFailed marks the experiment.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ExperimentFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MODEL = "breast-cancer-mlp";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MongoClient mongo;
  @Inject MeterRegistry registry;

  private static TestKafka kafka;
  private static TestKafka.Reader requests;
  private static TestKafka.Reader evaluations;

  private void connect() {
    if (kafka == null) {
      kafka = new TestKafka(bootstrap);
      requests = kafka.reader(Topics.TRAINING_REQUESTS);
      evaluations = kafka.reader(Topics.EVALUATION_RESULTS);
    }
  }

  @AfterAll
  static void disconnect() {
    if (kafka != null) {
      requests.close();
      evaluations.close();
      kafka.close();
    }
  }

  private static String specJson() {
    return BreastCancer.specJson();
  }

  private static DatasetRef dataset(String id, int version) {
    return DatasetRef.newBuilder().setDatasetId(id).setVersion(version).setSpecHash("h").build();
  }

  private static List<ConsumerRecord<String, byte[]>> requestsFor(DatasetRef dataset) {
    return requests.poll().stream()
        .filter(
            r ->
                Envelopes.parse(
                        r.value(), EventTypes.TRAINING_REQUESTED, TrainingRequested.parser())
                    .getDataset()
                    .equals(dataset))
        .toList();
  }

  private static List<ModelEvaluated> evaluationsOf(String requestId) {
    return evaluations.events(EventTypes.MODEL_EVALUATED, ModelEvaluated.parser()).stream()
        .filter(e -> e.getRequestId().equals(requestId))
        .toList();
  }

  private double count(String name, String outcome) {
    return Optional.ofNullable(registry.find(name).tag("outcome", outcome).counter())
        .map(c -> c.count())
        .orElse(0.0);
  }

  private Document experiment(String requestId) {
    return mongo
        .getDatabase("trainyard_evaluator")
        .getCollection("experiments")
        .find(Filters.eq("_id", requestId))
        .first();
  }

  private TrainingRequested awaitRequest(DatasetRef dataset) {
    await().atMost(WAIT).pollInSameThread().until(() -> !requestsFor(dataset).isEmpty());
    ConsumerRecord<String, byte[]> record = requestsFor(dataset).get(0);
    assertThat(record.key()).isEqualTo(MODEL);
    return Envelopes.parse(
        record.value(), EventTypes.TRAINING_REQUESTED, TrainingRequested.parser());
  }

  @Test
  void aPreparedDataSetVersionIsSentToTrainingOnce() {
    connect();
    DatasetRef v1 = dataset("bc-requests-" + UUID.randomUUID(), 1);
    DatasetPrepared prepared =
        DatasetPrepared.newBuilder()
            .setEventId(Envelopes.newEventId())
            .setDataset(v1)
            .setSpecJson(specJson())
            .addAllFeatureNames(List.of("a", "b"))
            .addAllClasses(List.of("benign", "malignant"))
            .setTrain(SplitBatches.newBuilder().setRows(10).setBatches(1))
            .build();

    kafka.publish(Topics.LABELING_DATASETS, v1.getDatasetId(), prepared);

    TrainingRequested request = awaitRequest(v1);
    assertThat(UUID.fromString(request.getRequestId())).isNotNull();
    assertThat(request.getModelName()).isEqualTo(MODEL);
    assertThat(request.getDataset()).isEqualTo(v1);
    assertThat(request.getPrepared()).isEqualTo(prepared);
    assertThat(request.getConfig()).isEqualTo(TrainingConfigsTest.BREAST_CANCER);
    await()
        .atMost(WAIT)
        .until(() -> "REQUESTED".equals(experiment(request.getRequestId()).getString("state")));
    assertThat(experiment(request.getRequestId()).getString("datasetKey"))
        .isEqualTo(v1.getDatasetId() + "@1");

    // The same DatasetPrepared again: no second request.
    double duplicates = count("trainyard.evaluator.requests", "duplicate");
    kafka.publish(
        Topics.LABELING_DATASETS,
        v1.getDatasetId(),
        prepared.toBuilder().setEventId(Envelopes.newEventId()).build());
    await()
        .atMost(WAIT)
        .until(() -> count("trainyard.evaluator.requests", "duplicate") > duplicates);
    assertThat(requestsFor(v1)).hasSize(1);

    // A new version of the data set is a new experiment.
    DatasetRef v2 = v1.toBuilder().setVersion(2).build();
    kafka.publish(
        Topics.LABELING_DATASETS,
        v2.getDatasetId(),
        prepared.toBuilder().setEventId(Envelopes.newEventId()).setDataset(v2).build());
    assertThat(awaitRequest(v2).getRequestId()).isNotEqualTo(request.getRequestId());
  }

  @Test
  void aTrainedModelIsEvaluatedOnTheTestSplitOnce() {
    connect();
    DatasetRef ref = dataset("bc-evaluate-" + UUID.randomUUID(), 1);
    PreparedData data = BreastCancer.load();
    DatasetPrepared prepared = BreastCancer.publishBatches(kafka, ref, specJson());
    TrainingConfig config =
        TrainingConfig.newBuilder()
            .addHiddenUnits(16)
            .setMaxEpochs(6)
            .setBatchSize(32)
            .setLearningRate(0.01)
            .setPatience(2)
            .setSeed(7)
            .build();
    TrainingOutcome trained =
        new ModelTrainer(Device.cpu(), "evaluator tests")
            .train(
                TrainingSettings.from(config),
                prepared.getFeatureNamesList(),
                prepared.getClassesList(),
                new TrainingData(data.train().x(), data.train().y(), data.features()),
                new TrainingData(data.validation().x(), data.validation().y(), data.features()),
                EpochListener.NONE);
    ArtifactRef artifact = new GridFsArtifactStore(mongo).put(trained.artifact());
    String requestId = UUID.randomUUID().toString();
    TrainingCompleted completed =
        TrainingCompleted.newBuilder()
            .setEventId(Envelopes.newEventId())
            .setRequestId(requestId)
            .setDataset(ref)
            .setModelName(MODEL)
            .setConfig(config)
            .setArtifact(artifact)
            .setEpochsRun(trained.epochsRun())
            .setBestEpoch(trained.bestEpoch())
            .setDevice("cpu")
            .setPrepared(prepared)
            .build();

    kafka.publish(Topics.TRAINING_RESULTS, MODEL, completed);

    await().atMost(WAIT).pollInSameThread().until(() -> !evaluationsOf(requestId).isEmpty());
    ModelEvaluated e = evaluationsOf(requestId).get(0);
    System.out.printf(
        "evaluator: test metrics %s, blessed %s%n", e.getMetricsMap(), e.getBlessed());
    assertThat(e.getMetricsMap())
        .containsOnlyKeys(
            "accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "test_rows")
        .containsEntry("test_rows", 56.0);
    double accuracy = e.getMetricsOrThrow("accuracy");
    assertThat(accuracy).isGreaterThan(0.9);
    assertThat(e.getMetricsOrThrow("roc_auc")).isGreaterThan(0.95).isLessThanOrEqualTo(1.0);
    assertThat(e.getMetricsOrThrow("f1")).isGreaterThan(0.85);
    assertThat(e.getMetricsOrThrow("log_loss")).isPositive().isLessThan(0.5);
    assertThat(e.getBlessed()).isEqualTo(accuracy >= 0.9); // evaluation.minAccuracy: 0.9
    assertThat(e.getConfusionMatrix().getClassesList()).containsExactly("benign", "malignant");
    List<Long> counts = e.getConfusionMatrix().getCountsList();
    assertThat(counts).hasSize(4);
    assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(56);
    assertThat((counts.get(0) + counts.get(3)) / 56.0).isEqualTo(accuracy);
    // the test split (data rows 10k+10, 1-based) holds 35 benign and 21 malignant rows (awk)
    assertThat(counts.get(0) + counts.get(1)).isEqualTo(35);
    assertThat(counts.get(2) + counts.get(3)).isEqualTo(21);
    assertThat(e.getArtifact()).isEqualTo(artifact);
    assertThat(e.getDataset()).isEqualTo(ref);
    assertThat(e.getEpochsRun()).isEqualTo(trained.epochsRun());
    assertThat(e.getDevice()).isEqualTo("cpu");
    await().atMost(WAIT).until(() -> "EVALUATED".equals(experiment(requestId).getString("state")));

    // Replayed: evaluated once.
    double duplicates = count("trainyard.evaluator.evaluations", "duplicate");
    kafka.publish(Topics.TRAINING_RESULTS, MODEL, completed);
    await()
        .atMost(WAIT)
        .until(() -> count("trainyard.evaluator.evaluations", "duplicate") > duplicates);
    assertThat(evaluationsOf(requestId)).hasSize(1);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("trainyard_evaluator_evaluations_total{outcome=\"processed\"")
        .contains("trainyard_evaluator_requests_total{outcome=\"processed\"")
        .contains("trainyard_evaluator_duration_seconds_count");
  }

  @Test
  void aFailedTrainingMarksTheExperimentFailed() {
    connect();
    DatasetRef ref = dataset("bc-fails-" + UUID.randomUUID(), 1);
    kafka.publish(
        Topics.LABELING_DATASETS,
        ref.getDatasetId(),
        DatasetPrepared.newBuilder()
            .setEventId(Envelopes.newEventId())
            .setDataset(ref)
            .setSpecJson(specJson())
            .build());
    TrainingRequested request = awaitRequest(ref);

    kafka.publish(
        Topics.TRAINING_RESULTS,
        MODEL,
        TrainingFailed.newBuilder()
            .setEventId(Envelopes.newEventId())
            .setRequestId(request.getRequestId())
            .setDataset(ref)
            .setModelName(MODEL)
            .setReason("the training split has no rows")
            .build());

    await()
        .atMost(WAIT)
        .until(() -> "FAILED".equals(experiment(request.getRequestId()).getString("state")));
    assertThat(experiment(request.getRequestId()).getString("reason"))
        .isEqualTo("the training split has no rows");
  }

  @Test
  void whatCannotBeUsedGoesToTheDeadLetterTopicWithTheReason() {
    connect();
    String marker = UUID.randomUUID().toString();
    DatasetRef ref = dataset("dlq-nospec-" + marker, 1);
    kafka.publish(
        Topics.LABELING_DATASETS,
        ref.getDatasetId(),
        DatasetPrepared.newBuilder().setEventId("x").setDataset(ref).build());
    kafka.send(
        Topics.LABELING_DATASETS,
        "dlq-garbage-" + marker,
        EventTypes.DATASET_PREPARED,
        new byte[] {(byte) 0xff, 1});
    String requestId = UUID.randomUUID().toString();
    kafka.publish(
        Topics.TRAINING_RESULTS,
        "dlq-noartifact-" + marker,
        TrainingCompleted.newBuilder()
            .setEventId(Envelopes.newEventId())
            .setRequestId(requestId)
            .setDataset(ref)
            .setModelName(MODEL)
            .setArtifact(ArtifactRef.newBuilder().setId("0".repeat(64)))
            .setPrepared(DatasetPrepared.newBuilder().setDataset(ref).setSpecJson(specJson()))
            .build());

    try (TestKafka.Reader dlq = kafka.reader(Topics.EVALUATION_DLQ)) {
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .until(() -> dlq.poll().stream().filter(r -> r.key().endsWith(marker)).count() == 3);
      List<String> reasons =
          dlq.deadLetters().stream()
              .filter(d -> d.key().endsWith(marker))
              .map(d -> d.key().split("-")[1] + ": " + d.reason())
              .toList();
      assertThat(reasons)
          .anySatisfy(s -> assertThat(s).startsWith("nospec: ").contains("spec_json"))
          .anySatisfy(s -> assertThat(s).startsWith("garbage: ").contains("not a valid"))
          .anySatisfy(s -> assertThat(s).startsWith("noartifact: ").contains("no artifact"));
    }
    assertThat(experiment(requestId).getString("state")).isEqualTo("EVALUATION_FAILED");
  }
}
