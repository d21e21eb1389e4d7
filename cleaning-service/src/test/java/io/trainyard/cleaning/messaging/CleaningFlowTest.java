package io.trainyard.cleaning.messaging;

import static io.restassured.RestAssured.given;
import static io.trainyard.cleaning.messaging.CleaningFixture.ROWS;
import static io.trainyard.cleaning.messaging.CleaningFixture.chunk;
import static io.trainyard.cleaning.messaging.CleaningFixture.column;
import static io.trainyard.cleaning.messaging.CleaningFixture.row;
import static io.trainyard.cleaning.messaging.CleaningFixture.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.cleaning.messaging.CleaningFixture.Moments;
import io.trainyard.cleaning.messaging.CleaningFixture.Row;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.devstack.DevStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Publishes raw chunks and DatasetSealed to the real broker, as ingest would, and reads back what
 * cleaning published (the data set: {@link CleaningFixture}).
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class CleaningFlowTest {

  @Inject CleaningFixture fixture;
  @Inject MongoClient mongo;

  /** Publishes a whole data set version as ingest would; returns its DatasetSealed. */
  DatasetSealed ingest(String id, String specJson) {
    return ingest(id, specJson, List.of());
  }

  /** As {@link #ingest(String, String)}, with {@code extra} rows in a fourth chunk. */
  DatasetSealed ingest(String id, String specJson, List<Row> extra) {
    DatasetRef ref = CleaningFixture.ref(id);
    fixture.kafka.publish(
        Topics.INGEST_DATASETS,
        id,
        DatasetOpened.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setSpecJson(specJson)
            .setSchema(CleaningFixture.schema())
            .build());
    List<RowChunk> chunks = new ArrayList<>(CleaningFixture.chunks(ref));
    if (!extra.isEmpty()) {
      chunks.add(chunk(ref, 3, extra));
    }
    List<OffsetRange> ranges = new ArrayList<>();
    ranges.addAll(fixture.kafka.publishAll(Topics.INGEST_CHUNKS, id, chunks.subList(0, 1)));
    // Records that sit inside the range but are not this version: another data set, another
    // version.
    fixture.kafka.publish(
        Topics.INGEST_CHUNKS,
        id + "-other",
        chunk(ref.toBuilder().setDatasetId(id + "-other").build(), 0, 1, 20));
    fixture.kafka.publish(
        Topics.INGEST_CHUNKS, id, chunk(ref.toBuilder().setVersion(2).build(), 0, 1, 20));
    ranges.addAll(
        fixture.kafka.publishAll(Topics.INGEST_CHUNKS, id, chunks.subList(1, chunks.size())));
    OffsetRange range =
        ranges.get(0).toBuilder().setToOffset(ranges.get(ranges.size() - 1).getToOffset()).build();
    return fixture.seal(specJson, chunks, List.of(range));
  }

  @Test
  void cleansWithTrainingStatisticsOnlyAndReplaysChangeNothing() {
    String id = "clean-" + UUID.randomUUID().toString().substring(0, 8);
    DatasetSealed sealed = ingest(id, CleaningFixture.spec(id));
    DatasetProfiled profiled = fixture.awaitProfiled(id);

    assertThat(profiled.getDataset()).isEqualTo(sealed.getDataset());
    assertThat(profiled.getSpecJson()).isEqualTo(sealed.getSpecJson());
    assertThat(profiled.getRowsIn()).isEqualTo(ROWS);
    assertThat(profiled.getRowsDropped()).isZero();
    assertThat(profiled.getSplitCounts()).isEqualTo(sealed.getSplitCounts());
    assertThat(profiled.getRawChunksList()).isEqualTo(sealed.getChunksList());
    ColumnProfile pa = profiled.getColumnsList().get(0);
    assertThat(pa.getMin()).isEqualTo(1.0);
    assertThat(pa.getMax()).isEqualTo(60.0);

    List<RowChunk> chunks = fixture.assertCleanedAsWorkedOut(profiled);
    assertThat(chunks).allSatisfy(ch -> assertThat(ch.getDataset()).isEqualTo(sealed.getDataset()));
    // Test rows were scaled with TRAINING statistics: row 29 holds 30.5; far outliers sit at +3.
    Moments m = Moments.of(CleaningFixture.trainingA());
    Map<Long, Double> a = column(chunks, "a");
    assertThat(a.get(29L))
        .isCloseTo(
            (30.5 - m.mean()) / m.std(),
            CleaningFixture.atFloatPrecision((30.5 - m.mean()) / m.std()));
    assertThat(a.get(59L)).isCloseTo(3.0, CleaningFixture.atFloatPrecision(3.0));
    // Missing categories take the training mode.
    StringColumn c = chunks.get(0).getCategorical(0);
    assertThat(c.getValuesList().subList(1, 4)).containsExactly("x", "x", "x");

    Document doc =
        mongo
            .getDatabase("trainyard_cleaning")
            .getCollection("profiles")
            .find(Filters.eq("_id", id + ":1"))
            .first();
    assertThat(doc).isNotNull();
    assertThat(doc.getLong("rowsOut")).isEqualTo(ROWS);

    // A replayed DatasetSealed (and a fresh event for the same version) change nothing.
    double duplicates = fixture.duplicates();
    fixture.kafka.publish(Topics.INGEST_DATASETS, id, sealed);
    fixture.kafka.publish(
        Topics.INGEST_DATASETS,
        id,
        sealed.toBuilder().setEventId(UUID.randomUUID().toString()).build());
    fixture.assertDuplicatesPublishNothing(id, duplicates, 2);
    // DatasetOpened was ignored
    assertThat(fixture.kafka.readAll(Topics.CLEANING_DLQ, id)).isEmpty();
  }

  /** Type-7 quantile of sorted values, worked out here. */
  static double quantile(List<Double> sorted, double q) {
    double h = (sorted.size() - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  static List<Double> trainingValues(List<Row> rows, ToDoubleFunction<Row> column) {
    List<Double> out = new ArrayList<>();
    for (Row r : rows) {
      double v = column.applyAsDouble(r);
      if (r.split() == Split.TRAIN && !Double.isNaN(v)) {
        out.add(v);
      }
    }
    out.sort(Double::compare);
    return out;
  }

  @Test
  void dropRemovesTrainingOutliersAndDuplicatesButKeepsEveryEvaluationRow() {
    String id = "drop-" + UUID.randomUUID().toString().substring(0, 8);
    String spec =
        "{\"name\":\""
            + id
            + "\",\"dataset\":{\"label\":\"label\"},\"cleaning\":{\"impute\":\"median\","
            + "\"outliers\":{\"method\":\"iqr\",\"threshold\":0.1,\"action\":\"drop\"},"
            + "\"dropDuplicates\":true}}";
    // Extra rows: copies of rows 22 and 24 (validation, test), and of row 22 with another label.
    Row r22 = row(22);
    Row r24 = row(24);
    List<Row> extra =
        List.of(
            new Row(61, Split.VALIDATION, r22.a(), r22.b(), r22.c(), r22.label()),
            new Row(62, Split.TEST, r24.a(), r24.b(), r24.c(), r24.label()),
            new Row(63, Split.VALIDATION, r22.a(), r22.b(), r22.c(), "pos"));
    ingest(id, spec, extra);
    DatasetProfiled profiled = fixture.awaitProfiled(id);

    // Worked out here: IQR bounds with k = 0.1 per column over training rows, training rows
    // outside any bound dropped, then rows repeating a kept row (values and label) dropped.
    List<Row> all = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      all.add(row(i));
    }
    all.addAll(extra);
    List<Double> ta = trainingValues(all, Row::a);
    List<Double> tb = trainingValues(all, Row::b);
    double[] qa = {quantile(ta, 0.25), quantile(ta, 0.75)};
    double[] qb = {quantile(tb, 0.25), quantile(tb, 0.75)};
    double loA = qa[0] - 0.1 * (qa[1] - qa[0]);
    double hiA = qa[1] + 0.1 * (qa[1] - qa[0]);
    double loB = qb[0] - 0.1 * (qb[1] - qb[0]);
    double hiB = qb[1] + 0.1 * (qb[1] - qb[0]);
    long outliers = 0;
    long droppedForA = 0;
    List<List<Object>> kept = new ArrayList<>();
    long duplicates = 0;
    Set<Long> keptIds = new HashSet<>();
    for (Row r : all) {
      boolean outA = !Double.isNaN(r.a()) && (r.a() < loA || r.a() > hiA);
      boolean outB = r.b() < loB || r.b() > hiB;
      if (r.split() == Split.TRAIN && (outA || outB)) {
        outliers++;
        droppedForA += outA ? 1 : 0;
        continue;
      }
      List<Object> key = List.of(r.a(), r.b(), r.c(), r.label());
      if (kept.contains(key)) {
        duplicates++;
        continue;
      }
      kept.add(key);
      keptIds.add(r.id());
    }

    ColumnProfile pa = profiled.getColumnsList().get(0);
    assertThat(pa.getQ1()).isCloseTo(qa[0], within(1e-9));
    assertThat(pa.getQ3()).isCloseTo(qa[1], within(1e-9));
    assertThat(pa.getMedian()).isCloseTo(quantile(ta, 0.5), within(1e-9));
    assertThat(pa.getOutliersDropped()).isEqualTo(droppedForA).isPositive();
    assertThat(duplicates).isEqualTo(2);
    assertThat(profiled.getDuplicatesDropped()).isEqualTo(duplicates);
    assertThat(profiled.getRowsIn()).isEqualTo(ROWS + 3);
    assertThat(profiled.getRowsDropped()).isEqualTo(outliers + duplicates);
    assertThat(profiled.getRowsOut()).isEqualTo(keptIds.size());

    List<RowChunk> chunks = fixture.cleaned(profiled);
    Map<Long, Double> a = column(chunks, "a");
    assertThat(a.keySet()).containsExactlyInAnyOrderElementsOf(keptIds);
    // Every original validation and test row is still there (clipped, not dropped).
    for (int i = 1; i <= ROWS; i++) {
      if (split(i) != Split.TRAIN) {
        assertThat(a).containsKey((long) i);
      }
    }
    // Missing a (row 39, test) took the training median, then was scaled with training mean/std.
    Moments m = Moments.of(ta);
    assertThat(a.get(39L))
        .isCloseTo(
            (quantile(ta, 0.5) - m.mean()) / m.std(),
            CleaningFixture.atFloatPrecision((quantile(ta, 0.5) - m.mean()) / m.std()));
    // A far validation outlier is clipped to the upper bound.
    assertThat(a.get(48L))
        .isCloseTo(
            (hiA - m.mean()) / m.std(),
            CleaningFixture.atFloatPrecision((hiA - m.mean()) / m.std()));
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicWithTheReason() {
    String id = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    fixture.kafka.send(Topics.INGEST_DATASETS, id, null, new byte[] {1, 2, 3});
    fixture.kafka.send(Topics.INGEST_DATASETS, id, "trainyard.dataset.unknown.v1", new byte[] {1});
    fixture.kafka.send(
        Topics.INGEST_DATASETS, id, EventTypes.DATASET_SEALED, new byte[] {(byte) 0xff, 0x01});
    fixture.kafka.publish(
        Topics.INGEST_DATASETS,
        id,
        DatasetSealed.newBuilder().setEventId("e").setSpecJson("{\"name\":\"x\"}").build());
    fixture.assertDeadLetters(
        id, EventHeaders.CE_TYPE, "unexpected event type", "not a valid", "dataset.dataset_id");
  }

  @Test
  void metricsAreExported() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("trainyard_cleaning_datasets_total"))
        .body(containsString("trainyard_cleaning_rows_total"))
        .body(containsString("trainyard_cleaning_values_total"))
        .body(containsString("trainyard_cleaning_duration_seconds"));
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
                    .body("checks.find { it.name == 'raw-chunks stream' }.status", equalTo("UP")));
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
