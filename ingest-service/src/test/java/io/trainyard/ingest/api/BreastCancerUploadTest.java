package io.trainyard.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import io.trainyard.toolkit.wire.ChunkView;
import io.trainyard.toolkit.wire.Decimals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The real breast cancer data through the real endpoint, broker and store. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class BreastCancerUploadTest {

  static final Path DATA = Path.of("../data/breast-cancer/breast_cancer.csv");
  static final Path SPEC = Path.of("../data/breast-cancer/pipeline.yaml");

  @Test
  void uploadPublishesChunksAndSealsTheDataSet() throws IOException {
    String spec = Files.readString(SPEC);
    Response response = Uploads.upload(spec, Files.readAllBytes(DATA));
    response.then().statusCode(201);
    JsonPath body = response.jsonPath();
    int version = body.getInt("version");
    assertThat(version).isPositive();
    assertThat(response.header("Location")).endsWith("/datasets/breast-cancer/versions/" + version);
    assertThat(body.getString("datasetId")).isEqualTo("breast-cancer");
    assertThat(body.getString("state")).isEqualTo("SEALED");
    assertThat(body.getString("specHash")).isEqualTo(SpecParser.hash(SpecParser.parse(spec)));
    assertThat(body.getLong("rows")).isEqualTo(569);
    long train = body.getLong("splits.train");
    long validation = body.getLong("splits.validation");
    long test = body.getLong("splits.test");
    assertThat(train + validation + test).isEqualTo(569);
    // 569 * 0.7 = 398.3, * 0.2 = 113.8, * 0.1 = 56.9: within a row or two of 7:2:1.
    assertThat(train).isBetween(396L, 400L);
    assertThat(validation).isBetween(112L, 116L);
    assertThat(test).isBetween(55L, 59L);
    assertThat(body.getMap("labelCounts", String.class, Integer.class))
        .containsExactlyInAnyOrderEntriesOf(Map.of("benign", 357, "malignant", 212));
    List<Map<String, String>> schema = body.getList("schema");
    assertThat(schema).hasSize(31);
    assertThat(schema.get(0)).isEqualTo(Map.of("name", "mean_radius", "kind", "NUMERIC"));
    assertThat(schema.get(30)).isEqualTo(Map.of("name", "diagnosis", "kind", "LABEL"));
    assertThat(schema.stream().filter(c -> c.get("kind").equals("NUMERIC"))).hasSize(30);

    // DatasetOpened and DatasetSealed really are on the broker, keyed by the data set id.
    String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    List<ConsumerRecord<String, byte[]>> records;
    try (TestKafka kafka = new TestKafka(bootstrap)) {
      records = kafka.readAll(Topics.INGEST_DATASETS, "breast-cancer");
    }
    DatasetOpened opened =
        TestKafka.events(records, EventTypes.DATASET_OPENED, DatasetOpened.parser()).stream()
            .filter(o -> o.getDataset().getVersion() == version)
            .findFirst()
            .orElse(null);
    DatasetSealed sealed =
        TestKafka.events(records, EventTypes.DATASET_SEALED, DatasetSealed.parser()).stream()
            .filter(o -> o.getDataset().getVersion() == version)
            .findFirst()
            .orElse(null);
    assertThat(opened).isNotNull();
    assertThat(opened.getSchema().getLabelColumn()).isEqualTo("diagnosis");
    assertThat(opened.getSpecJson()).isEqualTo(SpecParser.toCanonicalJson(SpecParser.parse(spec)));
    assertThat(sealed).isNotNull();
    assertThat(sealed.getRowCount()).isEqualTo(569);
    assertThat(sealed.getChunkCount()).isEqualTo(6); // chunkRows 100
    assertThat(sealed.getSplitCounts().getTrain()).isEqualTo(train);
    assertThat(sealed.getLabelCountsMap()).containsEntry("benign", 357L);
    assertThat(sealed.getChunksList()).isNotEmpty();
    assertThat(sealed.getChunks(0).getTopic()).isEqualTo(Topics.INGEST_CHUNKS);

    // The chunks in the sealed ranges hold every row once, with its split and label.
    List<RowChunk> chunks = new ArrayList<>();
    new RangeReader(KafkaClients.of(Map.of("bootstrap.servers", bootstrap), "tests"))
        .read(
            sealed.getChunksList(),
            "breast-cancer",
            EventTypes.ROW_CHUNK,
            RowChunk.parser(),
            c -> {
              if (c.getDataset().getVersion() == version) {
                chunks.add(c);
              }
            });
    assertThat(chunks).hasSize(6);
    Set<Long> rowIds = new HashSet<>();
    Map<Split, Set<String>> labelsPerSplit = new HashMap<>();
    Map<Split, Long> perSplit = new HashMap<>();
    for (RowChunk c : chunks) {
      assertThat(c.getNumericCount()).isEqualTo(30);
      assertThat(c.getCategoricalCount()).isZero();
      // Labels travel as indexes into the chunk's names, row ids as their run; the view reads
      // them back as text and ids.
      ChunkView view = ChunkView.of(c);
      String[] labels = view.labels();
      assertThat(c.getLabelNamesList()).containsExactlyInAnyOrder("benign", "malignant");
      assertThat(c.hasConsecutive()).isTrue();
      assertThat(c.getConsecutive().getCount()).isEqualTo(c.getSplitsCount());
      for (int i = 0; i < view.rows(); i++) {
        rowIds.add(view.rowIds()[i]);
        labelsPerSplit.computeIfAbsent(c.getSplits(i), k -> new HashSet<>()).add(labels[i]);
        perSplit.merge(c.getSplits(i), 1L, Long::sum);
      }
    }
    assertThat(rowIds).hasSize(569);
    assertThat(rowIds).contains(1L, 569L);
    assertThat(perSplit)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Split.TRAIN, train, Split.VALIDATION, validation, Split.TEST, test));
    for (Split s : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      assertThat(labelsPerSplit.get(s))
          .as(s.name())
          .containsExactlyInAnyOrder("benign", "malignant");
    }
    // Row 1 of the file: mean_radius 17.99, malignant.
    RowChunk first = chunks.stream().filter(c -> c.getChunkIndex() == 0).findFirst().orElseThrow();
    assertThat(first.getConsecutive().getFirst()).isEqualTo(1);
    assertThat(first.getNumeric(0).getName()).isEqualTo("mean_radius");
    // CSV decimals travel as packed decimals, and read back as the same doubles.
    // Two decimals over a range of about 20: 2 bytes a number.
    assertThat(first.getNumeric(0).getPacked().getWidth()).isEqualTo(2);
    assertThat(Decimals.values(first.getNumeric(0))[0]).isEqualTo(17.99);
    assertThat(ChunkView.of(first).labels()[0]).isEqualTo("malignant");

    // The version is recorded and served.
    String byVersion =
        given()
            .get("/datasets/breast-cancer/versions/" + version)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(JsonPath.from(byVersion).getLong("rows")).isEqualTo(569);
    assertThat(JsonPath.from(byVersion).getMap("")).isEqualTo(body.getMap(""));
    int latest =
        given()
            .get("/datasets/breast-cancer")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getInt("version");
    assertThat(latest).isGreaterThanOrEqualTo(version);
  }
}
