package io.trainyard.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.devstack.DevStack;
import io.trainyard.devstack.Folders;
import io.trainyard.devstack.ServiceLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingest, cleaning and labeling, packaged, on a broker that takes SASL/PLAIN connections only: the
 * services get {@code kafka.security.protocol}, {@code kafka.sasl.mechanism} and {@code
 * kafka.sasl.jaas.config} as their channels do in a deployment, and every Kafka client they build
 * beside the channels must use them too, or its part of the flow never happens:
 *
 * <ul>
 *   <li>the chunk streams of cleaning and labeling (their consumers, and their dead-letter
 *       producers: a record on a chunk topic that is not a chunk must reach the stage's dead-letter
 *       topic);
 *   <li>the replays ({@code RangeReader}): cleaning's pass 2 replays the raw chunks (the stream
 *       keeps none here, {@code cache-bytes=0}), and labeling replays the raw and cleaned chunks of
 *       a data set labeled by a rule.
 * </ul>
 */
class SaslFlowIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Chunk topic → the dead-letter topic of the stage whose stream follows it. */
  private static final Map<String, String> STREAMS =
      Map.of(
          Topics.INGEST_CHUNKS, Topics.CLEANING_DLQ,
          Topics.CLEANING_CHUNKS, Topics.LABELING_DLQ);

  private static Path dir;
  private static DevStack stack;
  private static ServiceLauncher services;

  @BeforeAll
  static void startEverything() throws Exception {
    dir = Files.createTempDirectory("trainyard-sasl-");
    stack = DevStack.startWithSasl(dir);
    stack.createTopics(Topics.ALL);
    services =
        new ServiceLauncher(ROOT, stack, ROOT.resolve("flow-tests/target/service-logs/sasl"))
            .withProperty("trainyard.cleaning.stream.cache-bytes", "0");
    services.start(
        List.of("labeling-service", "cleaning-service", "ingest-service"), Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopEverything() {
    try {
      if (services != null) {
        services.close();
      }
      if (stack != null) {
        stack.close();
      }
    } finally {
      if (dir != null) {
        Folders.deleteQuietly(dir);
      }
    }
  }

  @Test
  void aClientWithoutCredentialsIsRefused() {
    Map<String, Object> plain = new HashMap<>();
    plain.put("bootstrap.servers", stack.bootstrapServers());
    plain.put("default.api.timeout.ms", 3000);
    plain.put("request.timeout.ms", 3000);
    try (Admin admin = Admin.create(plain)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void dataSetsGoFromUploadToPreparedBatchesWithEveryBulkClientAuthenticated() throws Exception {
    try (KafkaConsumer<String, byte[]> deadLetters = consumer(List.copyOf(STREAMS.values()));
        KafkaConsumer<String, byte[]> prepared = consumer(List.of(Topics.LABELING_DATASETS));
        KafkaProducer<String, byte[]> producer = producer()) {
      // The streams start at the end of their topics: a record is sent again until the stream is
      // there to dead-letter it.
      Set<String> deadLettered = ConcurrentHashMap.newKeySet();
      Awaitility.await("a record that is not a chunk in each stage's dead-letter topic")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                STREAMS.keySet().stream()
                    .filter(topic -> !deadLettered.contains(topic))
                    .forEach(topic -> sendPoison(producer, topic));
                for (ConsumerRecord<String, byte[]> r : deadLetters.poll(Duration.ofMillis(500))) {
                  String reason = header(r, EventHeaders.DEAD_LETTER_REASON);
                  String from = header(r, EventHeaders.DEAD_LETTER_TOPIC);
                  if (reason != null && !reason.isBlank() && r.topic().equals(STREAMS.get(from))) {
                    deadLettered.add(from);
                  }
                }
                return deadLettered.equals(STREAMS.keySet());
              });

      String csv = Files.readString(ROOT.resolve("data/breast-cancer/breast_cancer.csv"));
      String labeled = Files.readString(ROOT.resolve("data/breast-cancer/pipeline.yaml"));
      String byRule =
          "name: breast-cancer-by-rule\n"
              + "dataset:\n  label: diagnosis\n  chunkRows: 100\n"
              + "labeling:\n  batchSize: 64\n  rule:\n    column: mean_radius\n    op: gt\n"
              + "    value: 15\n    then: large\n    otherwise: small\n";
      for (String spec : List.of(labeled, byRule)) {
        HttpResponse<String> upload = postDataset(spec, csv);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
      }

      Map<String, DatasetPrepared> done = new HashMap<>();
      Awaitility.await("DatasetPrepared of both data sets")
          .atMost(Duration.ofMinutes(3))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : prepared.poll(Duration.ofMillis(500))) {
                  if (EventTypes.DATASET_PREPARED.equals(header(r, EventHeaders.CE_TYPE))) {
                    done.put(r.key(), DatasetPrepared.parseFrom(r.value()));
                  }
                }
                return done.keySet().containsAll(Set.of("breast-cancer", "breast-cancer-by-rule"));
              });
      assertThat(done.get("breast-cancer").getClassesList()).containsExactly("benign", "malignant");
      assertThat(done.get("breast-cancer-by-rule").getClassesList())
          .containsExactly("large", "small");
      for (DatasetPrepared p : done.values()) {
        assertThat(p.getTrain().getRows()).isPositive();
        assertThat(p.getTrain().getRangesList()).isNotEmpty();
      }
    }

    // Both of cleaning's passes 2 and labeling's rule read through RangeReader.
    assertThat(counter("cleaning-service", "trainyard_cleaning_pass2_total", "source=\"replay\""))
        .isEqualTo(2.0);
    assertThat(
            counter("labeling-service", "trainyard_labeling_batching_total", "source=\"replay\""))
        .isGreaterThanOrEqualTo(1.0);
  }

  private static void sendPoison(KafkaProducer<String, byte[]> producer, String topic) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  "poison-" + UUID.randomUUID(),
                  "not a chunk".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(List<String> topics) {
    Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
    config.put("group.id", "sasl-flow-test-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(topics);
    return consumer;
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
    config.put("acks", "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** The value of the Prometheus counter {@code name} whose tags include {@code tag}. */
  private static double counter(String service, String name, String tag) throws Exception {
    HttpResponse<String> metrics =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(services.get(service).url() + "/q/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    return metrics
        .body()
        .lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(tag))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(service + " exports no " + name + " " + tag));
  }

  private static HttpResponse<String> postDataset(String spec, String csv) throws Exception {
    String boundary = "trainyard-" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            + spec
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(services.get("ingest-service").url() + "/datasets"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
