package io.trainyard.labeling.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.labeling.TestChunks;
import io.trainyard.labeling.TestChunks.Row;
import io.trainyard.labeling.service.StreamPreparations;
import io.trainyard.testsupport.DeadLetter;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
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
 * Cleaned a = i / 10, b = -i; c = x, y, z by i % 3 (missing for i = 4); label "yes" when i % 4 ==
 * 0, else "no", none for i = 13 and 26 ({@link TestChunks}' columns).
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LabelingFlowTest {

  private static final int ROWS = 50;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MeterRegistry registry;
  @Inject MongoClient mongo;
  @Inject StreamPreparations streams;
  @Inject KafkaClients clients;

  private TestKafka kafka;

  @BeforeEach
  void open() {
    kafka = new TestKafka(bootstrap);
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
    return i == 13 || i == 26 ? "" : (i % 4 == 0 ? "yes" : "no");
  }

  /** Rows from..to; a holds {@code raw ? i : i / 10} ({@code raw}: row 21's a is missing). */
  static RowChunk chunk(DatasetRef ref, int index, int from, int to, boolean raw, boolean labels) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      double a = raw ? (i == 21 ? Double.NaN : i) : i / 10.0;
      rows.add(new Row(i, split(i), a, c(i), -i, labels ? label(i) : null));
    }
    return TestChunks.chunk(ref, index, rows);
  }

  /** A data set id of its own for a test. */
  static String id(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The spec of data set {@code id}: labels from the label column, batches of 8. */
  static String labelColumnSpec(String id) {
    return "{\"name\":\""
        + id
        + "\",\"dataset\":{\"label\":\"label\"},\"labeling\":{\"batchSize\":8}}";
  }

  static OffsetRange span(List<OffsetRange> ranges) {
    return ranges.get(0).toBuilder()
        .setToOffset(ranges.get(ranges.size() - 1).getToOffset())
        .build();
  }

  DatasetProfiled profile(String id, String spec, boolean rule) {
    DatasetRef ref = TestChunks.ref(id, 3);
    DatasetProfiled.Builder p =
        DatasetProfiled.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setSpecJson(spec)
            .setSchema(TestChunks.schema(!rule))
            .setRowsIn(ROWS)
            .setRowsOut(ROWS);
    if (rule) {
      p.addRawChunks(
          span(
              kafka.publishAll(
                  Topics.INGEST_CHUNKS,
                  id,
                  List.of(chunk(ref, 0, 1, 25, true, false), chunk(ref, 1, 26, 50, true, false)))));
    }
    List<OffsetRange> cleaned = new ArrayList<>();
    cleaned.addAll(
        kafka.publishAll(Topics.CLEANING_CHUNKS, id, List.of(chunk(ref, 0, 1, 20, false, !rule))));
    // Inside the range but not this version: must be skipped.
    kafka.publish(
        Topics.CLEANING_CHUNKS,
        id,
        chunk(ref.toBuilder().setVersion(1).build(), 0, 1, 20, false, !rule));
    cleaned.addAll(
        kafka.publishAll(Topics.CLEANING_CHUNKS, id, List.of(chunk(ref, 1, 21, 50, false, !rule))));
    DatasetProfiled profiled = p.addChunks(span(cleaned)).build();
    kafka.publish(Topics.CLEANING_PROFILES, id, profiled);
    return profiled;
  }

  DatasetPrepared awaitPrepared(String id) {
    List<ConsumerRecord<String, byte[]>> records =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> kafka.readAll(Topics.LABELING_DATASETS, id), r -> !r.isEmpty());
    assertThat(records).hasSize(1);
    List<DatasetPrepared> prepared =
        TestKafka.events(records, EventTypes.DATASET_PREPARED, DatasetPrepared.parser());
    assertThat(prepared).as("records of type %s", EventTypes.DATASET_PREPARED).hasSize(1);
    return prepared.get(0);
  }

  /** The dead letters keyed {@code id}, once there are {@code count} of them. */
  List<DeadLetter> awaitDeadLetters(String id, int count) {
    List<DeadLetter> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    kafka.deadLetters(Topics.LABELING_DLQ).stream()
                        .filter(d -> id.equals(d.key()))
                        .toList(),
                d -> d.size() >= count);
    assertThat(dead).hasSize(count);
    return dead;
  }

  List<PreparedBatch> batches(String id, SplitBatches split) {
    List<PreparedBatch> out = new ArrayList<>();
    new RangeReader(clients)
        .read(
            split.getRangesList(), id, EventTypes.PREPARED_BATCH, PreparedBatch.parser(), out::add);
    return out;
  }

  double counter(String name, String tag, String value) {
    var c = registry.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  /**
   * The prepared data set of {@link #profile} with labels from the label column and batches of 8,
   * checked against values worked out here.
   */
  void assertLabelColumnBatches(String id, DatasetProfiled profiled, DatasetPrepared prepared) {
    assertThat(prepared.getDataset()).isEqualTo(profiled.getDataset());
    assertThat(prepared.getFeatureNamesList()).containsExactly("a", "b", "c=x", "c=y", "c=z");
    assertThat(prepared.getClassesList()).containsExactly("no", "yes");
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
    long yes = 0;
    long no = 0;
    for (int i = 1; i <= ROWS; i++) {
      if (!label(i).isEmpty()) {
        rows.get(split(i)).add(i);
        if (label(i).equals("yes")) {
          yes++;
        } else {
          no++;
        }
      }
    }
    assertThat(prepared.getClassCountsMap()).containsEntry("yes", yes).containsEntry("no", no);

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
          assertThat(b.getY(r)).isEqualTo(label(i).equals("yes") ? 1 : 0);
        }
      }
      assertThat(ids).containsExactlyElementsOf(expected.stream().map(Integer::longValue).toList());
    }
  }

  /**
   * Runs {@code replay}, which publishes data set {@code id}'s DatasetProfiled again (a duplicate),
   * and checks that nothing more was published for it.
   */
  void assertReplayPublishesNothing(String id, Runnable replay) {
    int batchRecords = kafka.readAll(Topics.LABELING_BATCHES, id).size();
    double duplicates = counter("trainyard.labeling.datasets", "outcome", "duplicate");
    replay.run();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> counter("trainyard.labeling.datasets", "outcome", "duplicate") >= duplicates + 1);
    assertThat(kafka.readAll(Topics.LABELING_DATASETS, id)).hasSize(1);
    assertThat(kafka.readAll(Topics.LABELING_BATCHES, id)).hasSize(batchRecords);
  }

  @Test
  void labelsFromTheLabelColumnBatchedPerSplitAndReplaysChangeNothing() {
    String id = id("label-");
    DatasetProfiled profiled = profile(id, labelColumnSpec(id), false);
    DatasetPrepared prepared = awaitPrepared(id);
    assertLabelColumnBatches(id, profiled, prepared);

    Document doc =
        mongo
            .getDatabase("trainyard_labeling")
            .getCollection("prepared")
            .find(Filters.eq("_id", id + ":3"))
            .first();
    assertThat(doc).isNotNull();
    assertThat(doc.getLong("unlabeled")).isEqualTo(2L);

    assertReplayPublishesNothing(id, () -> kafka.publish(Topics.CLEANING_PROFILES, id, profiled));
  }

  /** DatasetOpened of a version, as ingest publishes it first: the hint of its spec and schema. */
  void hint(DatasetRef ref, String spec) {
    kafka.publish(
        Topics.INGEST_DATASETS,
        ref.getDatasetId(),
        DatasetOpened.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setName(ref.getDatasetId())
            .setSpecJson(spec)
            .setSchema(TestChunks.SCHEMA)
            .build());
  }

  double streamedChunks() {
    var c = registry.find("trainyard.labeling.stream.chunks").counter();
    return c == null ? 0 : c.count();
  }

  /**
   * The stream's consumers start at the end of the log once assigned: hint a probe version (until
   * it streams) and send it a cleaned chunk (until one is batched), so that the test's own records
   * are not published before the consumers are there.
   */
  void awaitStreamConsumers() {
    DatasetRef probe = TestChunks.ref("probe-" + UUID.randomUUID(), 1);
    String spec = "{\"name\":\"probe\",\"dataset\":{\"label\":\"label\"}}";
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              hint(probe, spec);
              return streams.streaming(probe);
            });
    double before = streamedChunks();
    int[] index = {0};
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              kafka.publish(
                  Topics.CLEANING_CHUNKS,
                  probe.getDatasetId(),
                  chunk(probe, index[0]++, 1, 2, false, true));
              return streamedChunks() > before;
            });
  }

  @Test
  void cleanedChunksStreamedBeforeDatasetProfiledAreBatchedAsTheyCome() {
    awaitStreamConsumers();
    String id = id("stream-");
    String spec = labelColumnSpec(id);
    DatasetRef ref = TestChunks.ref(id, 3);
    hint(ref, spec);
    await().atMost(Duration.ofSeconds(30)).until(() -> streams.streaming(ref));
    double streamedBefore = counter("trainyard.labeling.batching", "source", "stream");

    // The cleaned chunks, then DatasetProfiled right behind them (as cleaning publishes them).
    DatasetProfiled profiled = profile(id, spec, false);
    DatasetPrepared prepared = awaitPrepared(id);
    assertThat(counter("trainyard.labeling.batching", "source", "stream"))
        .isEqualTo(streamedBefore + 1);
    assertThat(streams.streaming(ref)).isFalse();
    assertLabelColumnBatches(id, profiled, prepared);

    // A replayed DatasetProfiled, and the cleaned chunks again (a re-delivery), change nothing.
    assertReplayPublishesNothing(
        id,
        () -> {
          kafka.publishAll(
              Topics.CLEANING_CHUNKS,
              id,
              List.of(chunk(ref, 0, 1, 20, false, true), chunk(ref, 1, 21, 50, false, true)));
          kafka.publish(Topics.CLEANING_PROFILES, id, profiled);
          hint(ref, spec); // a late hint of a prepared version opens nothing
        });
    assertThat(streams.streaming(ref)).isFalse();
  }

  @Test
  void cleanedChunksOfAVersionNobodyHintedAreReplayed() {
    awaitStreamConsumers();
    String id = id("nohint-");
    String spec = labelColumnSpec(id);
    double replayedBefore = counter("trainyard.labeling.batching", "source", "replay");
    DatasetProfiled profiled = profile(id, spec, false);
    DatasetPrepared prepared = awaitPrepared(id);
    assertThat(counter("trainyard.labeling.batching", "source", "replay"))
        .isEqualTo(replayedBefore + 1);
    assertLabelColumnBatches(id, profiled, prepared);
  }

  @Test
  void recordsOnTheStreamedTopicsThatAreNotTheirEventsGoToTheDeadLetterTopic() {
    awaitStreamConsumers();
    String id = id("poison-stream-");
    kafka.send(Topics.CLEANING_CHUNKS, id, null, new byte[] {1, 2, 3});
    kafka.send(Topics.CLEANING_CHUNKS, id, EventTypes.ROW_CHUNK, new byte[] {(byte) 0xff, 0x01});
    kafka.send(Topics.INGEST_DATASETS, id, "trainyard.dataset.unknown.v1", new byte[] {1});
    assertThat(awaitDeadLetters(id, 3))
        .extracting(DeadLetter::reason)
        .anySatisfy(reason -> assertThat(reason).contains(EventHeaders.CE_TYPE))
        .anySatisfy(reason -> assertThat(reason).contains("not a valid"))
        .anySatisfy(reason -> assertThat(reason).contains("unexpected event type"));
  }

  @Test
  void aRuleLabelsRowsFromTheirRawValues() {
    String id = id("rule-");
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
    String id = id("poison-");
    kafka.send(Topics.CLEANING_PROFILES, id, null, new byte[] {1, 2, 3});
    kafka.send(Topics.CLEANING_PROFILES, id, EventTypes.DATASET_SEALED, new byte[] {1});
    kafka.publish(
        Topics.CLEANING_PROFILES,
        id,
        DatasetProfiled.newBuilder().setEventId("e").setSpecJson("{\"name\":\"x\"}").build());
    List<DeadLetter> dead = awaitDeadLetters(id, 3);
    assertThat(dead.get(0).reason()).contains(EventHeaders.CE_TYPE);
    assertThat(dead.get(1).reason()).contains("unexpected event type");
    assertThat(dead.get(2).reason()).contains("dataset.dataset_id");
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
  void healthChecksKafkaMongoAndTheChunkStream() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    // the chunk stream's own check: its consumer polls
                    .body(
                        "checks.find { it.name == 'cleaned-chunks stream' }.status",
                        equalTo("UP")));
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
