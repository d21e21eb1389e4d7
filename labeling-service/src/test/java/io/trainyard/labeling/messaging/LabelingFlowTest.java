package io.trainyard.labeling.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.messaging.RangeReader;
import io.trainyard.devstack.DevStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishes cleaned chunks (and raw ones, for rules) and DatasetProfiled to the real broker, as
 * cleaning would, and reads back what labeling published.
 *
 * <p>The data set: rows 1..50; row i is TRAIN when i % 10 < 7, VALIDATION for 7 and 8, TEST for 9.
 * Cleaned a = i / 10, b = -i; c = x, y, z by i % 3 (missing for i = 4); label "pos" when i % 4 ==
 * 0, else "neg", none for i = 13 and 26.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LabelingFlowTest {

  private static final int ROWS = 50;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MeterRegistry registry;
  @Inject MongoClient mongo;

  private KafkaProbe kafka;

  @BeforeEach
  void open() {
    kafka = new KafkaProbe(bootstrap);
  }

  @AfterEach
  void close() {
    kafka.close();
  }

  static Split split(int i) {
    int m = i % 10;
    return m < 7 ? Split.TRAIN : (m < 9 ? Split.VALIDATION : Split.TEST);
  }

  static String c(int i) {
    return i == 4 ? "" : List.of("x", "y", "z").get(i % 3);
  }

  static String label(int i) {
    return i == 13 || i == 26 ? "" : (i % 4 == 0 ? "pos" : "neg");
  }

  static DatasetSchema schema(boolean withLabel) {
    DatasetSchema.Builder b =
        DatasetSchema.newBuilder()
            .addColumns(ColumnSchema.newBuilder().setName("a").setKind(ColumnKind.NUMERIC))
            .addColumns(
                ColumnSchema.newBuilder()
                    .setName("c")
                    .setKind(ColumnKind.CATEGORICAL)
                    .addCategories("x")
                    .addCategories("y")
                    .addCategories("z"))
            .addColumns(ColumnSchema.newBuilder().setName("b").setKind(ColumnKind.NUMERIC));
    if (withLabel) {
      b.addColumns(
              ColumnSchema.newBuilder()
                  .setName("label")
                  .setKind(ColumnKind.LABEL)
                  .addCategories("neg")
                  .addCategories("pos"))
          .setLabelColumn("label");
    }
    return b.build();
  }

  /** Rows from..to; a holds {@code raw ? i : i / 10} ({@code raw}: row 21's a is missing). */
  static RowChunk chunk(DatasetRef ref, int index, int from, int to, boolean raw, boolean labels) {
    RowChunk.Builder b =
        RowChunk.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setChunkIndex(index);
    NumericColumn.Builder a = NumericColumn.newBuilder().setName("a");
    NumericColumn.Builder bb = NumericColumn.newBuilder().setName("b");
    StringColumn.Builder c = StringColumn.newBuilder().setName("c");
    for (int i = from; i <= to; i++) {
      b.addRowIds(i).addSplits(split(i));
      if (labels) {
        b.addLabels(label(i));
      }
      a.addValues(raw ? (i == 21 ? Double.NaN : i) : i / 10.0);
      bb.addValues(-i);
      c.addValues(c(i));
    }
    return b.addNumeric(a).addNumeric(bb).addCategorical(c).build();
  }

  static OffsetRange span(List<OffsetRange> ranges) {
    return ranges.get(0).toBuilder()
        .setToOffset(ranges.get(ranges.size() - 1).getToOffset())
        .build();
  }

  DatasetProfiled profile(String id, String spec, boolean rule) {
    DatasetRef ref =
        DatasetRef.newBuilder().setDatasetId(id).setVersion(3).setSpecHash("t").build();
    DatasetProfiled.Builder p =
        DatasetProfiled.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setSpecJson(spec)
            .setSchema(schema(!rule))
            .setRowsIn(ROWS)
            .setRowsOut(ROWS);
    if (rule) {
      p.addRawChunks(
          span(
              kafka.sendAll(
                  Topics.INGEST_CHUNKS,
                  id,
                  List.of(chunk(ref, 0, 1, 25, true, false), chunk(ref, 1, 26, 50, true, false)))));
    }
    List<OffsetRange> cleaned = new ArrayList<>();
    cleaned.addAll(
        kafka.sendAll(Topics.CLEANING_CHUNKS, id, List.of(chunk(ref, 0, 1, 20, false, !rule))));
    // Inside the range but not this version: must be skipped.
    kafka.send(
        Topics.CLEANING_CHUNKS,
        id,
        chunk(ref.toBuilder().setVersion(1).build(), 0, 1, 20, false, !rule));
    cleaned.addAll(
        kafka.sendAll(Topics.CLEANING_CHUNKS, id, List.of(chunk(ref, 1, 21, 50, false, !rule))));
    DatasetProfiled profiled = p.addChunks(span(cleaned)).build();
    kafka.send(Topics.CLEANING_PROFILES, id, profiled);
    return profiled;
  }

  DatasetPrepared awaitPrepared(String id) {
    List<ConsumerRecord<String, byte[]>> records =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> kafka.readAll(Topics.LABELING_DATASETS, id), r -> !r.isEmpty());
    assertThat(records).hasSize(1);
    assertThat(KafkaProbe.header(records.get(0), "ce_type")).isEqualTo(EventTypes.DATASET_PREPARED);
    try {
      return DatasetPrepared.parseFrom(records.get(0).value());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<PreparedBatch> batches(String id, SplitBatches split) {
    List<PreparedBatch> out = new ArrayList<>();
    new RangeReader(bootstrap)
        .read(
            split.getRangesList(), id, EventTypes.PREPARED_BATCH, PreparedBatch.parser(), out::add);
    return out;
  }

  double counter(String name, String tag, String value) {
    var c = registry.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void labelsFromTheLabelColumnBatchedPerSplitAndReplaysChangeNothing() {
    String id = "label-" + UUID.randomUUID().toString().substring(0, 8);
    DatasetProfiled profiled =
        profile(
            id,
            "{\"name\":\""
                + id
                + "\",\"dataset\":{\"label\":\"label\"},\"labeling\":{\"batchSize\":8}}",
            false);
    DatasetPrepared prepared = awaitPrepared(id);

    assertThat(prepared.getDataset()).isEqualTo(profiled.getDataset());
    assertThat(prepared.getFeatureNamesList()).containsExactly("a", "b", "c=x", "c=y", "c=z");
    assertThat(prepared.getClassesList()).containsExactly("neg", "pos");
    assertThat(prepared.getBatchSize()).isEqualTo(8);
    assertThat(prepared.getLabeledByRule()).isZero();

    // Worked out here: labeled rows per split and class.
    Map<Split, List<Integer>> rows =
        Map.of(
            Split.TRAIN,
            new ArrayList<>(),
            Split.VALIDATION,
            new ArrayList<>(),
            Split.TEST,
            new ArrayList<>());
    long pos = 0;
    long neg = 0;
    for (int i = 1; i <= ROWS; i++) {
      if (!label(i).isEmpty()) {
        rows.get(split(i)).add(i);
        if (label(i).equals("pos")) {
          pos++;
        } else {
          neg++;
        }
      }
    }
    assertThat(prepared.getClassCountsMap()).containsEntry("pos", pos).containsEntry("neg", neg);

    Map<Split, SplitBatches> splits =
        Map.of(
            Split.TRAIN,
            prepared.getTrain(),
            Split.VALIDATION,
            prepared.getValidation(),
            Split.TEST,
            prepared.getTest());
    for (Split s : splits.keySet()) {
      SplitBatches sb = splits.get(s);
      List<Integer> expected = rows.get(s);
      assertThat(sb.getRows()).as("%s rows", s).isEqualTo(expected.size());
      assertThat(sb.getBatches()).as("%s batches", s).isEqualTo((expected.size() + 7) / 8);
      List<PreparedBatch> batches = batches(id, sb);
      // Each split's batches sit together: its ranges hold none of another split's.
      assertThat(batches).as("%s", s).allSatisfy(b -> assertThat(b.getSplit()).isEqualTo(s));
      assertThat(batches)
          .extracting(PreparedBatch::getBatchIndex)
          .containsExactlyElementsOf(
              java.util.stream.LongStream.range(0, sb.getBatches()).boxed().toList());
      List<Long> ids = new ArrayList<>();
      for (PreparedBatch b : batches) {
        assertThat(b.getFeatures()).isEqualTo(5);
        assertThat(b.getXCount()).isEqualTo(b.getRows() * 5);
        for (int r = 0; r < b.getRows(); r++) {
          int i = (int) b.getRowIds(r);
          ids.add((long) i);
          // row-major: a, b, one-hot c
          List<Float> x = b.getXList().subList(r * 5, r * 5 + 5);
          float[] oneHot = new float[3];
          if (!c(i).isEmpty()) {
            oneHot[List.of("x", "y", "z").indexOf(c(i))] = 1f;
          }
          assertThat(x)
              .containsExactly((float) (i / 10.0), (float) -i, oneHot[0], oneHot[1], oneHot[2]);
          assertThat(b.getY(r)).isEqualTo(label(i).equals("pos") ? 1 : 0);
        }
      }
      assertThat(ids).containsExactlyElementsOf(expected.stream().map(Integer::longValue).toList());
    }

    Document doc =
        mongo
            .getDatabase("trainyard_labeling")
            .getCollection("prepared")
            .find(Filters.eq("_id", id + ":3"))
            .first();
    assertThat(doc).isNotNull();
    assertThat(doc.getLong("unlabeled")).isEqualTo(2L);

    int batchRecords = kafka.readAll(Topics.LABELING_BATCHES, id).size();
    double duplicates = counter("trainyard.labeling.datasets", "outcome", "duplicate");
    kafka.send(Topics.CLEANING_PROFILES, id, profiled);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> counter("trainyard.labeling.datasets", "outcome", "duplicate") >= duplicates + 1);
    assertThat(kafka.readAll(Topics.LABELING_DATASETS, id)).hasSize(1);
    assertThat(kafka.readAll(Topics.LABELING_BATCHES, id)).hasSize(batchRecords);
  }

  @Test
  void aRuleLabelsRowsFromTheirRawValues() {
    String id = "rule-" + UUID.randomUUID().toString().substring(0, 8);
    // Raw a = i (row 21 missing); cleaned a = i / 10. a >= 30 -> "high", else "low".
    String spec =
        "{\"name\":\""
            + id
            + "\",\"labeling\":{\"batchSize\":100,"
            + "\"rule\":{\"column\":\"a\",\"op\":\"ge\",\"value\":30,\"then\":\"high\",\"otherwise\":\"low\"}}}";
    profile(id, spec, true);
    DatasetPrepared prepared = awaitPrepared(id);
    assertThat(prepared.getClassesList()).containsExactly("high", "low");
    // The rule column stays a feature.
    assertThat(prepared.getFeatureNamesList()).containsExactly("a", "b", "c=x", "c=y", "c=z");
    assertThat(prepared.getLabeledByRule()).isEqualTo(ROWS - 1);
    // rows 30..50: 21 high; 1..29 minus row 21: 28 low.
    assertThat(prepared.getClassCountsMap()).containsEntry("high", 21L).containsEntry("low", 28L);
    for (SplitBatches sb :
        List.of(prepared.getTrain(), prepared.getValidation(), prepared.getTest())) {
      for (PreparedBatch b : batches(id, sb)) {
        for (int r = 0; r < b.getRows(); r++) {
          long i = b.getRowIds(r);
          assertThat(i).isNotEqualTo(21L);
          assertThat(b.getY(r)).as("row %d", i).isEqualTo(i >= 30 ? 0 : 1);
        }
      }
    }
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicWithTheReason() {
    String id = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    kafka.send(Topics.CLEANING_PROFILES, id, null, new byte[] {1, 2, 3});
    kafka.send(Topics.CLEANING_PROFILES, id, EventTypes.DATASET_SEALED, new byte[] {1});
    kafka.send(
        Topics.CLEANING_PROFILES,
        id,
        DatasetProfiled.newBuilder().setEventId("e").setSpecJson("{\"name\":\"x\"}").build());
    List<ConsumerRecord<String, byte[]>> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> kafka.readAll(Topics.LABELING_DLQ, id), r -> r.size() >= 3);
    assertThat(dead).hasSize(3);
    assertThat(KafkaProbe.header(dead.get(0), "dead-letter-reason")).contains("ce_type");
    assertThat(KafkaProbe.header(dead.get(1), "dead-letter-reason"))
        .contains("unexpected event type");
    assertThat(KafkaProbe.header(dead.get(2), "dead-letter-reason")).contains("dataset.dataset_id");
  }

  @Test
  void metricsAreExported() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("trainyard_labeling_datasets_total"))
        .body(containsString("trainyard_labeling_rows_total"))
        .body(containsString("trainyard_labeling_batches_total"))
        .body(containsString("trainyard_labeling_duration_seconds"));
  }

  @Test
  void healthChecksKafkaAndMongo() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
