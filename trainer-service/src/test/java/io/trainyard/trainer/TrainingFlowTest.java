package io.trainyard.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.ml.artifact.ContentHash;
import io.trainyard.ml.artifact.GridFsArtifactStore;
import io.trainyard.ml.artifact.ModelArtifact;
import io.trainyard.ml.predict.ModelPredictor;
import io.trainyard.testsupport.BreastCancer;
import io.trainyard.testsupport.DeadLetter;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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
 * The trainer on a real broker and store: real PreparedBatches of the breast cancer data set in,
 * EpochCompleted / TrainingCompleted / TrainingFailed out, the artifact in GridFS.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TrainingFlowTest {

  private static final Duration TRAINING = Duration.ofSeconds(90);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MongoClient mongo;
  @Inject MeterRegistry registry;

  private static TestKafka kafka;
  private static TestKafka.Reader epochs;
  private static TestKafka.Reader results;

  private void connect() {
    if (kafka == null) {
      kafka = new TestKafka(bootstrap);
      epochs = kafka.reader(Topics.TRAINING_EPOCHS);
      results = kafka.reader(Topics.TRAINING_RESULTS);
    }
  }

  @AfterAll
  static void disconnect() {
    if (kafka != null) {
      epochs.close();
      results.close();
      kafka.close();
    }
  }

  private static TrainingRequested request(
      String requestId, DatasetPrepared prepared, TrainingConfig config) {
    return TrainingRequested.newBuilder()
        .setEventId(Envelopes.newEventId())
        .setRequestId(requestId)
        .setDataset(prepared.getDataset())
        .setModelName("breast-cancer-mlp")
        .setConfig(config)
        .setPrepared(prepared)
        .build();
  }

  private static TrainingConfig config() {
    return TrainingConfig.newBuilder()
        .setFamily("mlp")
        .addAllHiddenUnits(List.of(16, 8))
        .setMaxEpochs(12)
        .setBatchSize(32)
        .setLearningRate(0.005)
        .setPatience(3)
        .setWeightDecay(1e-4)
        .setSeed(7)
        .setOptimizer("adam")
        .setInitializer("xavier")
        .setLoss("cross-entropy")
        .build();
  }

  private static DatasetRef dataset(String id) {
    return DatasetRef.newBuilder().setDatasetId(id).setVersion(1).setSpecHash("test").build();
  }

  private static List<EpochCompleted> epochsOf(String requestId) {
    return epochs.events(EventTypes.EPOCH_COMPLETED, EpochCompleted.parser()).stream()
        .filter(e -> e.getRequestId().equals(requestId))
        .toList();
  }

  private static List<ConsumerRecord<String, byte[]>> completedRecordsOf(String requestId) {
    return results.poll().stream()
        .filter(
            r -> EventTypes.TRAINING_COMPLETED.equals(TestKafka.header(r, EventHeaders.CE_TYPE)))
        .filter(
            r ->
                Envelopes.parse(
                        r.value(), EventTypes.TRAINING_COMPLETED, TrainingCompleted.parser())
                    .getRequestId()
                    .equals(requestId))
        .toList();
  }

  private static List<TrainingFailed> failuresOf(String requestId) {
    return results.events(EventTypes.TRAINING_FAILED, TrainingFailed.parser()).stream()
        .filter(f -> f.getRequestId().equals(requestId))
        .toList();
  }

  private double runs(String outcome) {
    return Optional.ofNullable(
            registry.find("trainyard.trainer.runs").tag("outcome", outcome).counter())
        .map(c -> c.count())
        .orElse(0.0);
  }

  private Document run(String requestId) {
    return mongo
        .getDatabase("trainyard_trainer")
        .getCollection("runs")
        .find(Filters.eq("_id", requestId))
        .first();
  }

  @Test
  void trainsOnReplayedBatchesStoresTheArtifactAndNeverTrainsARequestTwice() {
    connect();
    DatasetPrepared prepared =
        BreastCancer.publishBatches(kafka, dataset("bc-train-" + UUID.randomUUID()), "");
    assertThat(prepared.getTrain().getRows()).isEqualTo(399);
    assertThat(prepared.getValidation().getRows()).isEqualTo(114);
    String requestId = UUID.randomUUID().toString();
    TrainingRequested request = request(requestId, prepared, config());

    kafka.publish(Topics.TRAINING_REQUESTS, request.getModelName(), request);

    await()
        .atMost(TRAINING)
        .pollInSameThread()
        .until(() -> !completedRecordsOf(requestId).isEmpty());
    ConsumerRecord<String, byte[]> record = completedRecordsOf(requestId).get(0);
    assertThat(record.key()).isEqualTo("breast-cancer-mlp");
    TrainingCompleted completed =
        Envelopes.parse(record.value(), EventTypes.TRAINING_COMPLETED, TrainingCompleted.parser());

    // One EpochCompleted per epoch run, in order, the best one flagged.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInSameThread()
        .until(() -> epochsOf(requestId).size() >= completed.getEpochsRun());
    List<EpochCompleted> seen = epochsOf(requestId);
    assertThat(seen).hasSize(completed.getEpochsRun());
    assertThat(seen).extracting(EpochCompleted::getEpoch).isSorted().startsWith(1);
    assertThat(seen).allSatisfy(e -> assertThat(e.getMaxEpochs()).isEqualTo(12));
    EpochCompleted best = seen.get(completed.getBestEpoch() - 1);
    assertThat(best.getBest()).isTrue();
    assertThat(best.getValidationLoss()).isEqualTo(completed.getBestValidationLoss());
    System.out.printf(
        "trainer: %d epochs, best %d: validation accuracy %.4f, loss %.4f, %d ms on %s%n",
        completed.getEpochsRun(),
        completed.getBestEpoch(),
        best.getValidationAccuracy(),
        best.getValidationLoss(),
        completed.getTrainingMs(),
        completed.getDevice());
    assertThat(best.getValidationAccuracy()).isGreaterThan(0.9);

    // The result carries what the evaluator needs; the artifact is in GridFS by its hash.
    assertThat(completed.getDevice()).isEqualTo("cpu");
    assertThat(completed.getPrepared()).isEqualTo(prepared);
    assertThat(completed.getConfig()).isEqualTo(config());
    assertThat(completed.getDataset()).isEqualTo(prepared.getDataset());
    assertThat(completed.getArtifact().getFormat()).isEqualTo(ModelArtifact.FORMAT);
    byte[] bytes = new GridFsArtifactStore(mongo).require(completed.getArtifact().getId());
    assertThat(ContentHash.sha256(bytes)).isEqualTo(completed.getArtifact().getSha256());
    assertThat(bytes).hasSize((int) completed.getArtifact().getSizeBytes());
    try (ModelPredictor predictor = ModelPredictor.load(bytes)) {
      assertThat(predictor.classes()).containsExactly("benign", "malignant");
      assertThat(predictor.manifest().featureNames()).isEqualTo(prepared.getFeatureNamesList());
      assertThat(predictor.features()).isEqualTo(30);
    }
    Document run = run(requestId);
    assertThat(run.getString("state")).isEqualTo("COMPLETED");
    assertThat(run.getInteger("attempts")).isEqualTo(1);
    assertThat(run.getString("artifactId")).isEqualTo(completed.getArtifact().getId());

    // The same request again (a replay, with a new event id): nothing is trained or published.
    double duplicates = runs("duplicate");
    TrainingRequested replay = request.toBuilder().setEventId(Envelopes.newEventId()).build();
    kafka.publish(Topics.TRAINING_REQUESTS, replay.getModelName(), replay);
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("duplicate") > duplicates);
    assertThat(epochsOf(requestId)).hasSize(completed.getEpochsRun());
    assertThat(completedRecordsOf(requestId)).hasSize(1);
    assertThat(run(requestId).getInteger("attempts")).isEqualTo(1);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("trainyard_trainer_runs_total{outcome=\"processed\"")
        .contains("trainyard_trainer_runs_total{outcome=\"duplicate\"")
        .contains("trainyard_trainer_epochs_total")
        .contains("trainyard_trainer_samples_total")
        .contains("trainyard_trainer_duration_seconds_count");
  }

  @Test
  void aConfigThatCannotTrainFailsWithTheReason() throws Exception {
    connect();
    DatasetPrepared prepared =
        DatasetPrepared.newBuilder()
            .setDataset(dataset("bc-bad-" + UUID.randomUUID()))
            .addFeatureNames("x")
            .addAllClasses(List.of("a", "b"))
            .setTrain(io.trainyard.contracts.events.v1.SplitBatches.newBuilder().setRows(1))
            .build();
    String requestId = UUID.randomUUID().toString();
    TrainingRequested request =
        request(requestId, prepared, config().toBuilder().setOptimizer("lbfgs").build());

    kafka.publish(Topics.TRAINING_REQUESTS, request.getModelName(), request);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInSameThread()
        .until(() -> !failuresOf(requestId).isEmpty());
    TrainingFailed failed = failuresOf(requestId).get(0);
    assertThat(failed.getReason()).contains("config.optimizer").contains("lbfgs");
    assertThat(failed.getModelName()).isEqualTo("breast-cancer-mlp");
    assertThat(failed.getDataset()).isEqualTo(prepared.getDataset());
    Document run = run(requestId);
    assertThat(run.getString("state")).isEqualTo("FAILED");
    assertThat(run.getString("reason")).isEqualTo(failed.getReason());
    assertThat(
            TrainingRequested.parseFrom(run.get("request", org.bson.types.Binary.class).getData()))
        .isEqualTo(request);
  }

  @Test
  void aRequestWhoseAttemptsNeverFinishedFailsForGoodAndGoesToTheDeadLetterTopic() {
    connect();
    DatasetPrepared prepared =
        BreastCancer.publishBatches(kafka, dataset("bc-crash-" + UUID.randomUUID()), "");
    String requestId = UUID.randomUUID().toString();
    TrainingRequested request = request(requestId, prepared, config());
    // What two attempts that ended with the trainer (killed during each) leave behind.
    mongo
        .getDatabase("trainyard_trainer")
        .getCollection("runs")
        .insertOne(new Document("_id", requestId).append("state", "RUNNING").append("attempts", 2));

    try (TestKafka.Reader dlq = kafka.reader(Topics.TRAINING_DLQ)) {
      kafka.publish(Topics.TRAINING_REQUESTS, request.getModelName(), request);

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .until(() -> !failuresOf(requestId).isEmpty());
      assertThat(failuresOf(requestId).get(0).getReason())
          .contains("started 2 times and never finished");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .until(
              () ->
                  dlq.deadLetters().stream()
                      .anyMatch(d -> d.reason().contains("started 2 times and never finished")));
    }
    assertThat(epochsOf(requestId)).isEmpty();
    assertThat(completedRecordsOf(requestId)).isEmpty();
    assertThat(run(requestId).getString("state")).isEqualTo("FAILED");
    assertThat(run(requestId).getInteger("attempts")).isEqualTo(2);
  }

  @Test
  void recordsThatAreNotTrainingRequestsGoToTheDeadLetterTopic() {
    connect();
    String marker = UUID.randomUUID().toString();
    kafka.send(
        Topics.TRAINING_REQUESTS,
        "poison-" + marker,
        EventTypes.TRAINING_REQUESTED,
        "not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    kafka.send(Topics.TRAINING_REQUESTS, "untyped-" + marker, null, new byte[] {1, 2, 3});
    TrainingRequested noId =
        TrainingRequested.newBuilder().setEventId("e").setModelName("m").build();
    kafka.publish(Topics.TRAINING_REQUESTS, "noid-" + marker, noId);

    try (TestKafka.Reader dlq = kafka.reader(Topics.TRAINING_DLQ)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .until(
              () ->
                  dlq.deadLetters().stream()
                          .filter(d -> d.key() != null && d.key().endsWith(marker))
                          .count()
                      == 3);
      List<DeadLetter> dead =
          dlq.deadLetters().stream()
              .filter(d -> d.key() != null && d.key().endsWith(marker))
              .toList();
      assertThat(dead)
          .extracting(d -> d.key().substring(0, d.key().indexOf('-')) + ": " + d.reason())
          .anySatisfy(s -> assertThat(s).startsWith("poison: ").contains("not a valid"))
          .anySatisfy(s -> assertThat(s).startsWith("untyped: ").contains(EventHeaders.CE_TYPE))
          .anySatisfy(s -> assertThat(s).startsWith("noid: ").contains("request_id"));
    }
  }
}
