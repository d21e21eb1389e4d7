package io.trainyard.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.contracts.events.v1.ConfusionMatrix;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.registry.v1.GetModelRequest;
import io.trainyard.contracts.registry.v1.GetModelVersionRequest;
import io.trainyard.contracts.registry.v1.ListModelVersionsRequest;
import io.trainyard.contracts.registry.v1.ListModelVersionsResponse;
import io.trainyard.contracts.registry.v1.ListModelsRequest;
import io.trainyard.contracts.registry.v1.ListModelsResponse;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import io.trainyard.contracts.registry.v1.RegistryServiceGrpc;
import io.trainyard.contracts.registry.v1.RegistryServiceGrpc.RegistryServiceBlockingStub;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.testsupport.DeadLetter;
import io.trainyard.testsupport.TestKafka;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry end to end on the real broker and store: ModelEvaluated events in on Kafka, queries
 * out over gRPC (a grpc-java channel to the HTTP port) and REST.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RegistryServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TestHTTPResource("/")
  URL base;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private static TestKafka kafka;
  private ManagedChannel channel;
  private RegistryServiceBlockingStub grpc;

  @BeforeEach
  void connect() {
    if (kafka == null) {
      kafka = new TestKafka(bootstrap);
    }
    channel =
        ManagedChannelBuilder.forAddress(base.getHost(), base.getPort()).usePlaintext().build();
    grpc = RegistryServiceGrpc.newBlockingStub(channel);
  }

  /** The stub with a deadline per call (a deadline set once would run out during a slow test). */
  private RegistryServiceBlockingStub grpc() {
    return grpc.withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void closeKafka() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  @Test
  void versionsAreCreatedInOrderAndLatestAndAliasesResolve() {
    String model = unique("order");
    evaluate(model, "req-a-" + model, 1, 0.95, true);
    evaluate(model, "req-b-" + model, 2, 0.85, false);
    awaitLatest(model, 2);

    Model m = grpc().getModel(GetModelRequest.newBuilder().setName("models/" + model).build());
    assertThat(m.getModelId()).isEqualTo(model);
    assertThat(m.getVersionCount()).isEqualTo(2);
    assertThat(m.getAliasesMap()).containsEntry("latest", 2L).containsEntry("blessed", 1L);

    ModelVersion v1 = version("models/" + model + "/versions/1");
    assertThat(v1.getName()).isEqualTo("models/" + model + "/versions/1");
    assertThat(v1.getLineage().getTrainingRequestId()).isEqualTo("req-a-" + model);
    assertThat(v1.getLineage().getDatasetId()).isEqualTo("breast-cancer");
    assertThat(v1.getLineage().getDatasetVersion()).isEqualTo(1);
    assertThat(v1.getLineage().getSpecHash()).isEqualTo("hash-1");
    assertThat(v1.getMetricsMap()).containsEntry("accuracy", 0.95).containsEntry("test_rows", 57.0);
    assertThat(v1.getArtifact().getSha256()).isEqualTo("sha-req-a-" + model);
    assertThat(v1.getClassesList()).containsExactly("benign", "malignant");
    assertThat(v1.getConfusionMatrixList()).containsExactly(35L, 1L, 2L, 19L);
    assertThat(v1.getFamily()).isEqualTo("mlp");
    assertThat(v1.getBlessed()).isTrue();
    assertThat(v1.getAliasesList()).containsExactly("blessed");

    ModelVersion v2 = version("models/" + model + "/versions/2");
    assertThat(v2.getLineage().getTrainingRequestId()).isEqualTo("req-b-" + model);
    assertThat(v2.getAliasesList()).containsExactly("latest");
    assertThat(version("models/" + model + "/versions/latest").getVersion()).isEqualTo(2);
    assertThat(version("models/" + model + "@latest").getVersion()).isEqualTo(2);
    assertThat(version("models/" + model + "@blessed").getVersion()).isEqualTo(1);

    given()
        .get("/models/{m}/versions/latest", model)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("name", equalTo("models/" + model + "/versions/2"))
        .body("lineage.trainingRequestId", equalTo("req-b-" + model))
        .body("metrics.accuracy", equalTo(0.85f));
    given()
        .get("/models/{m}", model)
        .then()
        .statusCode(200)
        .body("latestVersion", equalTo(2))
        .body("versionCount", equalTo(2))
        .body("aliases.blessed", equalTo(1));
    given()
        .get("/models/{m}/versions/blessed", model)
        .then()
        .statusCode(200)
        .body("version", equalTo(1));

    // Each version was announced once, keyed by the model, in order.
    try (TestKafka.Reader events = kafka.reader(Topics.REGISTRY_EVENTS)) {
      await().atMost(WAIT).until(() -> events.poll(model).size() >= 2);
      List<ConsumerRecord<String, byte[]>> announced = events.poll(model);
      assertThat(announced).hasSize(2);
      assertThat(announced)
          .allSatisfy(
              r ->
                  assertThat(TestKafka.header(r, EventHeaders.CE_TYPE))
                      .isEqualTo(EventTypes.MODEL_VERSION_REGISTERED));
      assertThat(announced.stream().map(r -> parseRegistered(r).getVersion()))
          .containsExactly(1L, 2L);
      assertThat(parseRegistered(announced.get(0)).getRequestId()).isEqualTo("req-a-" + model);
    }
  }

  @Test
  void paginationCrossesPagesOverGrpcAndRest() {
    String model = unique("paged");
    for (int i = 1; i <= 5; i++) {
      evaluate(model, "req-" + i + "-" + model, i, 0.9, false);
    }
    awaitLatest(model, 5);

    List<Long> seen = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    String token = "";
    do {
      ListModelVersionsResponse page =
          grpc()
              .listModelVersions(
                  ListModelVersionsRequest.newBuilder()
                      .setParent("models/" + model)
                      .setPageSize(2)
                      .setPageToken(token)
                      .build());
      assertThat(page.getVersionsCount()).isLessThanOrEqualTo(2);
      page.getVersionsList().forEach(v -> seen.add(v.getVersion()));
      token = page.getNextPageToken();
      tokens.add(token);
    } while (!token.isEmpty());
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(tokens).hasSize(3).endsWith("");

    List<Integer> restSeen = new ArrayList<>();
    String restToken = "";
    int pages = 0;
    do {
      JsonPath page =
          given()
              .queryParam("pageSize", 2)
              .queryParam("pageToken", restToken)
              .get("/models/{m}/versions", model)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      restSeen.addAll(page.getList("versions.version", Integer.class));
      restToken = page.getString("nextPageToken");
      pages++;
    } while (!restToken.isEmpty());
    assertThat(restSeen).containsExactly(1, 2, 3, 4, 5);
    assertThat(pages).isEqualTo(3);

    // Models page through in name order, without repeats.
    List<String> names = new ArrayList<>();
    String modelsToken = "";
    do {
      ListModelsResponse page =
          grpc()
              .listModels(
                  ListModelsRequest.newBuilder().setPageSize(1).setPageToken(modelsToken).build());
      page.getModelsList().forEach(mm -> names.add(mm.getModelId()));
      modelsToken = page.getNextPageToken();
    } while (!modelsToken.isEmpty());
    assertThat(names).contains(model).doesNotHaveDuplicates().isSorted();
    given()
        .get("/models")
        .then()
        .statusCode(200)
        .body("models.modelId", org.hamcrest.Matchers.hasItem(model));
  }

  @Test
  void unknownAndMalformedNamesAreRefusedWithReasons() {
    String model = unique("known");
    evaluate(model, "req-" + model, 1, 0.9, false);
    awaitLatest(model, 1);

    assertStatus(
        () -> grpc().getModel(GetModelRequest.newBuilder().setName("models/no-such-model").build()),
        Status.Code.NOT_FOUND,
        "MODEL_NOT_FOUND",
        "'no-such-model' is not registered");
    assertStatus(
        () -> version("models/no-such-model/versions/latest"),
        Status.Code.NOT_FOUND,
        "MODEL_NOT_FOUND",
        "not registered");
    assertStatus(
        () -> version("models/" + model + "/versions/9"),
        Status.Code.NOT_FOUND,
        "VERSION_NOT_FOUND",
        "has no version 9 (latest is 1)");
    assertStatus(
        () -> version("models/" + model + "@champion"),
        Status.Code.NOT_FOUND,
        "ALIAS_NOT_FOUND",
        "has no alias 'champion'");
    assertStatus(
        () -> grpc().getModel(GetModelRequest.newBuilder().setName("Bad_Name").build()),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_NAME",
        "models/{model}");
    assertStatus(
        () -> version("models/" + model + "/versions/0"),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_NAME",
        "neither a positive number nor an alias");
    assertStatus(
        () ->
            grpc()
                .listModelVersions(
                    ListModelVersionsRequest.newBuilder()
                        .setParent("models/" + model)
                        .setPageToken("garbage")
                        .build()),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_TOKEN",
        "page_token");
    assertStatus(
        () -> grpc().listModels(ListModelsRequest.newBuilder().setPageSize(-3).build()),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_SIZE",
        "page_size");

    given()
        .get("/models/no-such-model")
        .then()
        .statusCode(404)
        .contentType("application/json")
        .body("reason", equalTo("MODEL_NOT_FOUND"))
        .body("error", containsString("'no-such-model' is not registered"));
    given()
        .get("/models/{m}/versions/9", model)
        .then()
        .statusCode(404)
        .body("reason", equalTo("VERSION_NOT_FOUND"));
    given()
        .get("/models/no-such-model/versions")
        .then()
        .statusCode(404)
        .body("reason", equalTo("MODEL_NOT_FOUND"));
    given().get("/models/Bad_Name").then().statusCode(400).body("reason", equalTo("INVALID_NAME"));
    given()
        .get("/models/{m}/versions/0", model)
        .then()
        .statusCode(400)
        .body("reason", equalTo("INVALID_NAME"));
  }

  @Test
  void aReplayedEventCreatesNothingTwice() {
    String model = unique("replay");
    ModelEvaluated first = evaluate(model, "req-1-" + model, 1, 0.9, false);
    evaluate(model, "req-2-" + model, 1, 0.91, false);
    awaitLatest(model, 2);

    send(model, first); // redelivered as is
    send(model, first.toBuilder().setEventId(UUID.randomUUID().toString()).build()); // re-sent
    evaluate(model, "req-3-" + model, 1, 0.92, false);
    awaitLatest(model, 3);

    Model m = grpc().getModel(GetModelRequest.newBuilder().setName("models/" + model).build());
    assertThat(m.getVersionCount()).isEqualTo(3);
    assertThat(version("models/" + model + "/versions/1").getLineage().getTrainingRequestId())
        .isEqualTo("req-1-" + model);
    assertThat(version("models/" + model + "/versions/3").getLineage().getTrainingRequestId())
        .isEqualTo("req-3-" + model);
    // Same key, same partition, processed in order: by the time version 3 is announced the two
    // replays are behind us, and they announced nothing.
    try (TestKafka.Reader events = kafka.reader(Topics.REGISTRY_EVENTS)) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  events.poll(model).stream().anyMatch(r -> parseRegistered(r).getVersion() == 3));
      List<ConsumerRecord<String, byte[]>> announced = events.poll(model);
      assertThat(announced.stream().map(r -> parseRegistered(r).getVersion()))
          .containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicAndTheNextEventIsProcessed() {
    String poisonKey = unique("poison");
    kafka.send(Topics.EVALUATION_RESULTS, poisonKey, null, "not protobuf".getBytes());
    kafka.send(
        Topics.EVALUATION_RESULTS,
        poisonKey,
        EventTypes.MODEL_EVALUATED,
        new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    kafka.publish(Topics.EVALUATION_RESULTS, poisonKey, evaluated(poisonKey, "", 1, 0.9, false));
    String model = unique("after-poison");
    evaluate(model, "req-" + model, 1, 0.9, false);
    awaitLatest(model, 1);

    try (TestKafka.Reader dlq = kafka.reader(Topics.REGISTRY_DLQ)) {
      await().atMost(WAIT).until(() -> deadLetters(dlq, poisonKey).size() >= 3);
      List<DeadLetter> dead = deadLetters(dlq, poisonKey);
      assertThat(dead).hasSize(3);
      assertThat(dead.get(0).reason()).contains(EventHeaders.CE_TYPE);
      assertThat(dead.get(1).reason()).contains("not a valid " + EventTypes.MODEL_EVALUATED);
      assertThat(dead.get(2).reason()).contains("request_id");
    }
    assertStatus(
        () -> grpc().getModel(GetModelRequest.newBuilder().setName("models/" + poisonKey).build()),
        Status.Code.NOT_FOUND,
        "MODEL_NOT_FOUND",
        "not registered");
  }

  @Test
  void metricsCountVersionsAndQueries() {
    String model = unique("metered");
    evaluate(model, "req-" + model, 1, 0.9, false);
    awaitLatest(model, 1);
    given().get("/models/{m}", model).then().statusCode(200);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("trainyard_registry_versions_total{outcome=\"registered\"")
        .containsPattern(
            "trainyard_registry_queries_total\\{api=\"grpc\",method=\"get_model\",outcome=\"ok\"")
        .containsPattern(
            "trainyard_registry_queries_total\\{api=\"rest\",method=\"get_model\",outcome=\"ok\"");
  }

  @Test
  void openApiDescribesTheRestQueries() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(containsString("/models/{model}/versions/{version}"));
  }

  // --- helpers ---

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static ModelEvaluated evaluated(
      String model, String requestId, int datasetVersion, double accuracy, boolean blessed) {
    return ModelEvaluated.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRequestId(requestId)
        .setModelName(model)
        .setDataset(
            DatasetRef.newBuilder()
                .setDatasetId("breast-cancer")
                .setVersion(datasetVersion)
                .setSpecHash("hash-" + datasetVersion))
        .setArtifact(
            ArtifactRef.newBuilder()
                .setId("art-" + requestId)
                .setSha256("sha-" + requestId)
                .setSizeBytes(4096)
                .setFormat("djl-mlp"))
        .putMetrics("accuracy", accuracy)
        .putMetrics("f1", accuracy - 0.01)
        .putMetrics("test_rows", 57)
        .setConfusionMatrix(
            ConfusionMatrix.newBuilder()
                .addClasses("benign")
                .addClasses("malignant")
                .addAllCounts(List.of(35L, 1L, 2L, 19L)))
        .setConfig(TrainingConfig.newBuilder().setFamily("mlp").addHiddenUnits(32))
        .setEpochsRun(12)
        .setBlessed(blessed)
        .setDevice("cpu")
        .build();
  }

  private static List<DeadLetter> deadLetters(TestKafka.Reader dlq, String key) {
    return dlq.deadLetters().stream().filter(d -> key.equals(d.key())).toList();
  }

  private static ModelEvaluated evaluate(
      String model, String requestId, int datasetVersion, double accuracy, boolean blessed) {
    ModelEvaluated e = evaluated(model, requestId, datasetVersion, accuracy, blessed);
    send(model, e);
    return e;
  }

  private static void send(String model, ModelEvaluated e) {
    kafka.publish(Topics.EVALUATION_RESULTS, model, e);
  }

  private void awaitLatest(String model, long version) {
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(StatusRuntimeException.class)
        .until(
            () ->
                grpc()
                        .getModel(GetModelRequest.newBuilder().setName("models/" + model).build())
                        .getLatestVersion()
                    >= version);
  }

  private ModelVersion version(String name) {
    return grpc().getModelVersion(GetModelVersionRequest.newBuilder().setName(name).build());
  }

  private static ModelVersionRegistered parseRegistered(ConsumerRecord<String, byte[]> r) {
    try {
      return ModelVersionRegistered.parseFrom(r.value());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertStatus(
      Runnable call, Status.Code code, String reason, String descriptionPart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(descriptionPart);
              com.google.rpc.Status detail = StatusProto.fromThrowable(e);
              assertThat(detail).as("google.rpc.Status in the trailers").isNotNull();
              assertThat(
                      detail.getDetailsList().stream()
                          .filter(a -> a.is(ErrorInfo.class))
                          .map(
                              a -> {
                                try {
                                  return a.unpack(ErrorInfo.class).getReason();
                                } catch (Exception ex) {
                                  throw new IllegalStateException(ex);
                                }
                              }))
                  .containsExactly(reason);
            });
  }
}
