package io.trainyard.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.registry.v1.GetModelVersionRequest;
import io.trainyard.contracts.registry.v1.ListModelVersionsRequest;
import io.trainyard.contracts.registry.v1.ModelVersion;
import io.trainyard.contracts.registry.v1.RegistryServiceGrpc;
import io.trainyard.devstack.ServiceLauncher;
import io.trainyard.devstack.Stack;
import io.trainyard.devstack.Stacks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole flow on the devstack: six packaged services as processes, breast cancer uploaded to
 * ingest, a registered version read back over gRPC. Poison records sit on every stage's input topic
 * before the data arrives: each must land in that stage's dead-letter topic while the flow goes on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlowIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MODEL = "breast-cancer-mlp";

  /** Input topic → the dead-letter topic of the stage that consumes it. */
  private static final Map<String, String> INPUTS = new LinkedHashMap<>();

  static {
    INPUTS.put(Topics.INGEST_DATASETS, Topics.CLEANING_DLQ);
    INPUTS.put(Topics.CLEANING_PROFILES, Topics.LABELING_DLQ);
    INPUTS.put(Topics.TRAINING_REQUESTS, Topics.TRAINING_DLQ);
    INPUTS.put(Topics.LABELING_DATASETS, Topics.EVALUATION_DLQ);
    INPUTS.put(Topics.TRAINING_RESULTS, Topics.EVALUATION_DLQ);
    INPUTS.put(Topics.EVALUATION_RESULTS, Topics.REGISTRY_DLQ);
  }

  private static Stack stack;
  private static ServiceLauncher services;
  private static ManagedChannel channel;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startEverything() {
    stack = Stacks.forTests();
    stack.createTopics(Topics.ALL);
    services = new ServiceLauncher(ROOT, stack, ROOT.resolve("flow-tests/target/service-logs"));
    services.start(ServiceLauncher.SERVICES, Duration.ofMinutes(4));
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", services.get("registry-service").port())
            .usePlaintext()
            .build();
  }

  @AfterAll
  static void stopEverything() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  @Order(1)
  void breastCancerGoesFromUploadToARegisteredVersion() throws Exception {
    Map<String, String> poisonKeys = sendPoison();

    HttpResponse<String> upload =
        postDataset(
            Files.readString(ROOT.resolve("data/breast-cancer/pipeline.yaml")),
            Files.readAllBytes(ROOT.resolve("data/breast-cancer/breast_cancer.csv")));
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    assertThat(upload.body()).contains("\"rows\":569");

    var registry = RegistryServiceGrpc.newBlockingStub(channel);
    ModelVersion version =
        Awaitility.await()
            .atMost(Duration.ofMinutes(6))
            .pollInterval(Duration.ofSeconds(2))
            .ignoreExceptionsMatching(
                e ->
                    e instanceof StatusRuntimeException s
                        && s.getStatus().getCode() == Status.Code.NOT_FOUND)
            .until(
                () ->
                    registry.getModelVersion(
                        GetModelVersionRequest.newBuilder()
                            .setName("models/" + MODEL + "/versions/latest")
                            .build()),
                v -> v != null);

    assertThat(version.getName()).isEqualTo("models/" + MODEL + "/versions/1");
    assertThat(version.getMetricsMap().get("accuracy")).isGreaterThanOrEqualTo(0.95);
    assertThat(version.getMetricsMap()).containsKeys("precision", "recall", "f1", "roc_auc");
    assertThat(version.getLineage().getDatasetId()).isEqualTo("breast-cancer");
    assertThat(version.getLineage().getDatasetVersion()).isEqualTo(1);
    assertThat(version.getArtifact().getSha256()).hasSize(64);
    assertThat(
            registry
                .listModelVersions(
                    ListModelVersionsRequest.newBuilder().setParent("models/" + MODEL).build())
                .getVersionsList())
        .hasSize(1);

    // Every stage dead-lettered its poison record with a reason, and still processed the data.
    Map<String, List<ConsumerRecord<String, byte[]>>> dead = readDeadLetters();
    poisonKeys.forEach(
        (inputTopic, key) -> {
          String dlq = INPUTS.get(inputTopic);
          assertThat(dead.get(dlq))
              .as("dead letters of %s for a poison record on %s", dlq, inputTopic)
              .anySatisfy(
                  r -> {
                    assertThat(r.key()).isEqualTo(key);
                    assertThat(header(r, EventHeaders.DEAD_LETTER_REASON)).isNotBlank();
                  });
        });
  }

  @Test
  @Order(2)
  void malformedCsvIsRefusedWithItsLineAndUnknownIdsAreNotFound() throws Exception {
    String spec = "name: broken\ndataset:\n  label: y\n";
    HttpResponse<String> ragged = postDataset(spec, "a,b,y\n1,2,x\n3,4\n5,6,z\n".getBytes());
    assertThat(ragged.statusCode()).isEqualTo(400);
    assertThat(ragged.body()).contains("line 3");

    HttpResponse<String> quoting = postDataset(spec, "a,b,y\n1,2,x\n\"3,4,z\n".getBytes());
    assertThat(quoting.statusCode()).isEqualTo(400);
    assertThat(quoting.body()).contains("line 3");

    HttpResponse<String> unknown =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ingestUrl() + "/datasets/no-such-dataset")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);

    var registry = RegistryServiceGrpc.newBlockingStub(channel);
    assertThatThrownBy(
            () ->
                registry.getModelVersion(
                    GetModelVersionRequest.newBuilder()
                        .setName("models/no-such-model/versions/1")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  @Order(3)
  void everyServiceExportsItsStageMetricsAndHealth() throws Exception {
    Map<String, String> prefixes =
        Map.of(
            "ingest-service", "trainyard_ingest_",
            "cleaning-service", "trainyard_cleaning_",
            "labeling-service", "trainyard_labeling_",
            "trainer-service", "trainyard_trainer_",
            "evaluator-service", "trainyard_evaluator_",
            "registry-service", "trainyard_registry_");
    for (var e : prefixes.entrySet()) {
      String base = services.get(e.getKey()).url();
      HttpResponse<String> metrics =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).as(e.getKey()).contains(e.getValue());
      HttpResponse<String> health =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/q/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(e.getKey() + " " + health.body()).isEqualTo(200);
    }
  }

  private static String ingestUrl() {
    return services.get("ingest-service").url();
  }

  private static HttpResponse<String> postDataset(String spec, byte[] csv) throws Exception {
    String boundary = "trainyard-" + UUID.randomUUID();
    var body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(spec.getBytes(StandardCharsets.UTF_8));
    body.write(
        ("\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"data\"; "
                + "filename=\"data.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(csv);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ingestUrl() + "/datasets"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** One record of garbage, without CloudEvents headers, on every stage's input topic. */
  private static Map<String, String> sendPoison() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", stack.bootstrapServers());
    config.put("acks", "all");
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", ByteArraySerializer.class.getName());
    Map<String, String> keys = new LinkedHashMap<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (String topic : INPUTS.keySet()) {
        String key = "poison-" + topic;
        producer
            .send(new ProducerRecord<>(topic, key, "not an event".getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS);
        keys.put(topic, key);
      }
    }
    return keys;
  }

  private static Map<String, List<ConsumerRecord<String, byte[]>>> readDeadLetters() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", stack.bootstrapServers());
    config.put("group.id", "flow-test-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new HashMap<>();
    List<String> dlqs = INPUTS.values().stream().distinct().toList();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(dlqs);
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                  byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                }
                return INPUTS.entrySet().stream()
                    .allMatch(
                        e ->
                            byTopic.getOrDefault(e.getValue(), List.of()).stream()
                                .anyMatch(r -> ("poison-" + e.getKey()).equals(r.key())));
              });
    }
    return byTopic;
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
