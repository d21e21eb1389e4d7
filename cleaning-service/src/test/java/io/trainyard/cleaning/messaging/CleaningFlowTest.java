package io.trainyard.cleaning.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.messaging.RangeReader;
import io.trainyard.devstack.DevStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Publishes raw chunks and DatasetSealed to the real broker, as ingest would, and reads back what
 * cleaning published.
 *
 * <p>The data set: 60 rows in 3 chunks; row i is TRAIN when i % 10 < 7, VALIDATION for 7 and 8,
 * TEST for 9. Column {@code a}: i on training rows (rows 5 and 15 missing), 1000 + i on the others
 * (far outliers of the training distribution) except row 29 (test) = 30.5 and row 39 (test)
 * missing. Column {@code b}: i % 4. Column {@code c}: "x" for even i, "y" for odd i, missing for
 * rows 2, 3 and 4.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class CleaningFlowTest {

  private static final int ROWS = 60;

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

  static double a(int i) {
    if (i == 5 || i == 15 || i == 39) {
      return Double.NaN;
    }
    if (i == 29) {
      return 30.5;
    }
    return split(i) == Split.TRAIN ? i : 1000 + i;
  }

  static String c(int i) {
    return i >= 2 && i <= 4 ? "" : (i % 2 == 0 ? "x" : "y");
  }

  static DatasetSchema schema() {
    return DatasetSchema.newBuilder()
        .addColumns(ColumnSchema.newBuilder().setName("a").setKind(ColumnKind.NUMERIC))
        .addColumns(ColumnSchema.newBuilder().setName("b").setKind(ColumnKind.NUMERIC))
        .addColumns(
            ColumnSchema.newBuilder()
                .setName("c")
                .setKind(ColumnKind.CATEGORICAL)
                .addCategories("x")
                .addCategories("y"))
        .addColumns(
            ColumnSchema.newBuilder()
                .setName("label")
                .setKind(ColumnKind.LABEL)
                .addCategories("neg")
                .addCategories("pos"))
        .setLabelColumn("label")
        .build();
  }

  /** One raw row. */
  record Row(long id, Split split, double a, double b, String c, String label) {}

  static Row row(int i) {
    return new Row(i, split(i), a(i), i % 4, c(i), i % 3 == 0 ? "pos" : "neg");
  }

  static RowChunk chunk(DatasetRef ref, int index, int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      rows.add(row(i));
    }
    return chunk(ref, index, rows);
  }

  static RowChunk chunk(DatasetRef ref, int index, List<Row> rows) {
    RowChunk.Builder b =
        RowChunk.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setChunkIndex(index);
    NumericColumn.Builder a = NumericColumn.newBuilder().setName("a");
    NumericColumn.Builder bb = NumericColumn.newBuilder().setName("b");
    StringColumn.Builder c = StringColumn.newBuilder().setName("c");
    for (Row r : rows) {
      b.addRowIds(r.id()).addSplits(r.split()).addLabels(r.label());
      a.addValues(r.a());
      bb.addValues(r.b());
      c.addValues(r.c());
    }
    return b.addNumeric(a).addNumeric(bb).addCategorical(c).build();
  }

  /** Publishes a whole data set version as ingest would; returns its DatasetSealed. */
  DatasetSealed ingest(String id, String specJson) {
    return ingest(id, specJson, List.of());
  }

  /** As {@link #ingest(String, String)}, with {@code extra} rows in a fourth chunk. */
  DatasetSealed ingest(String id, String specJson, List<Row> extra) {
    DatasetRef ref =
        DatasetRef.newBuilder().setDatasetId(id).setVersion(1).setSpecHash("test").build();
    kafka.send(
        Topics.INGEST_DATASETS,
        id,
        DatasetOpened.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setSpecJson(specJson)
            .setSchema(schema())
            .build());
    List<OffsetRange> ranges = new ArrayList<>();
    ranges.addAll(kafka.sendAll(Topics.INGEST_CHUNKS, id, List.of(chunk(ref, 0, 1, 20))));
    // Records that sit inside the range but are not this version: another data set, another
    // version.
    kafka.send(
        Topics.INGEST_CHUNKS,
        id + "-other",
        chunk(ref.toBuilder().setDatasetId(id + "-other").build(), 0, 1, 20));
    kafka.send(Topics.INGEST_CHUNKS, id, chunk(ref.toBuilder().setVersion(2).build(), 0, 1, 20));
    List<RowChunk> rest = new ArrayList<>(List.of(chunk(ref, 1, 21, 40), chunk(ref, 2, 41, 60)));
    if (!extra.isEmpty()) {
      rest.add(chunk(ref, 3, extra));
    }
    ranges.addAll(kafka.sendAll(Topics.INGEST_CHUNKS, id, rest));
    OffsetRange range =
        ranges.get(0).toBuilder().setToOffset(ranges.get(ranges.size() - 1).getToOffset()).build();
    long train = 0;
    long validation = 0;
    long test = 0;
    for (Row r : extra) {
      switch (r.split()) {
        case TRAIN -> train++;
        case VALIDATION -> validation++;
        default -> test++;
      }
    }
    for (int i = 1; i <= ROWS; i++) {
      switch (split(i)) {
        case TRAIN -> train++;
        case VALIDATION -> validation++;
        default -> test++;
      }
    }
    DatasetSealed sealed =
        DatasetSealed.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(ref)
            .setSpecJson(specJson)
            .setSchema(schema())
            .setRowCount(ROWS + extra.size())
            .setChunkCount(3 + (extra.isEmpty() ? 0 : 1))
            .setSplitCounts(
                SplitCounts.newBuilder().setTrain(train).setValidation(validation).setTest(test))
            .addChunks(range)
            .build();
    kafka.send(Topics.INGEST_DATASETS, id, sealed);
    return sealed;
  }

  DatasetProfiled awaitProfiled(String id) {
    List<ConsumerRecord<String, byte[]>> records =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> kafka.readAll(Topics.CLEANING_PROFILES, id), r -> !r.isEmpty());
    assertThat(records).hasSize(1);
    assertThat(KafkaProbe.header(records.get(0), "ce_type")).isEqualTo(EventTypes.DATASET_PROFILED);
    try {
      return DatasetProfiled.parseFrom(records.get(0).value());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<RowChunk> cleaned(DatasetProfiled profiled) {
    List<RowChunk> out = new ArrayList<>();
    new RangeReader(bootstrap)
        .read(
            profiled.getChunksList(),
            profiled.getDataset().getDatasetId(),
            EventTypes.ROW_CHUNK,
            RowChunk.parser(),
            out::add);
    return out;
  }

  static Map<Long, Double> column(List<RowChunk> chunks, String name) {
    Map<Long, Double> out = new HashMap<>();
    for (RowChunk ch : chunks) {
      NumericColumn col =
          ch.getNumericList().stream()
              .filter(n -> n.getName().equals(name))
              .findFirst()
              .orElseThrow();
      for (int i = 0; i < ch.getRowIdsCount(); i++) {
        out.put(ch.getRowIds(i), col.getValues(i));
      }
    }
    return out;
  }

  double counter(String name, String tag, String value) {
    var c = registry.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void cleansWithTrainingStatisticsOnlyAndReplaysChangeNothing() {
    String id = "clean-" + UUID.randomUUID().toString().substring(0, 8);
    DatasetSealed sealed =
        ingest(id, "{\"name\":\"" + id + "\",\"dataset\":{\"label\":\"label\"}}");
    DatasetProfiled profiled = awaitProfiled(id);

    // Training values of a, worked out here: two-pass mean and population std.
    List<Double> train = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      if (split(i) == Split.TRAIN && !Double.isNaN(a(i))) {
        train.add(a(i));
      }
    }
    double mean = train.stream().mapToDouble(Double::doubleValue).sum() / train.size();
    double var = train.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / train.size();
    double std = Math.sqrt(var);

    assertThat(profiled.getDataset()).isEqualTo(sealed.getDataset());
    assertThat(profiled.getSpecJson()).isEqualTo(sealed.getSpecJson());
    assertThat(profiled.getRowsIn()).isEqualTo(ROWS);
    assertThat(profiled.getRowsOut()).isEqualTo(ROWS);
    assertThat(profiled.getRowsDropped()).isZero();
    assertThat(profiled.getSplitCounts()).isEqualTo(sealed.getSplitCounts());
    assertThat(profiled.getRawChunksList()).isEqualTo(sealed.getChunksList());
    assertThat(profiled.getCategoricalModesMap()).containsEntry("c", "x");

    ColumnProfile pa = profiled.getColumnsList().get(0);
    assertThat(pa.getName()).isEqualTo("a");
    assertThat(pa.getCount()).isEqualTo(train.size()).isEqualTo(40);
    assertThat(pa.getMissing()).isEqualTo(2);
    assertThat(pa.getMean()).isCloseTo(mean, within(1e-9));
    assertThat(pa.getStddev()).isCloseTo(std, within(1e-9));
    assertThat(pa.getMin()).isEqualTo(1.0);
    assertThat(pa.getMax()).isEqualTo(60.0);
    // Training values sorted: 1..60 with i % 10 < 7, minus 5 and 15; 40 values, median between
    // the 20th and 21st: 31 and 32; q1 at h = 9.75 between 14 and 16 (15 is missing): 15.5;
    // q3 at h = 29.25 between 44 and 45: 44.25.
    assertThat(pa.getMedian()).isCloseTo(31.5, within(1e-9));
    assertThat(pa.getQ1()).isCloseTo(15.5, within(1e-9));
    assertThat(pa.getQ3()).isCloseTo(44.25, within(1e-9));
    // 18 validation/test rows: 16 far out (1000 + i) and clipped, row 29 inside, row 39 missing;
    // 3 missing in all (rows 5, 15, 39).
    assertThat(pa.getImputed()).isEqualTo(3);
    assertThat(pa.getOutliersClipped()).isEqualTo(16);

    List<RowChunk> chunks = cleaned(profiled);
    assertThat(chunks).hasSize(3);
    assertThat(chunks).allSatisfy(ch -> assertThat(ch.getDataset()).isEqualTo(sealed.getDataset()));
    Map<Long, Double> a = column(chunks, "a");
    assertThat(a).hasSize(ROWS);
    for (int i = 1; i <= ROWS; i++) {
      double raw = a(i);
      double expected;
      if (Double.isNaN(raw)) {
        expected = 0.0; // the training mean, scaled
      } else {
        double clipped = Math.max(mean - 3 * std, Math.min(mean + 3 * std, raw));
        expected = (clipped - mean) / std;
      }
      assertThat(a.get((long) i)).as("row %d", i).isCloseTo(expected, within(1e-9));
    }
    // Test rows were scaled with TRAINING statistics: row 29 holds 30.5; far outliers sit at +3.
    assertThat(a.get(29L)).isCloseTo((30.5 - mean) / std, within(1e-9));
    assertThat(a.get(59L)).isCloseTo(3.0, within(1e-9));
    // Missing categories take the training mode.
    RowChunk first = chunks.get(0);
    StringColumn c = first.getCategorical(0);
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
    double duplicates = counter("trainyard.cleaning.datasets", "outcome", "duplicate");
    kafka.send(Topics.INGEST_DATASETS, id, sealed);
    kafka.send(
        Topics.INGEST_DATASETS,
        id,
        sealed.toBuilder().setEventId(UUID.randomUUID().toString()).build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> counter("trainyard.cleaning.datasets", "outcome", "duplicate") >= duplicates + 2);
    assertThat(kafka.readAll(Topics.CLEANING_PROFILES, id)).hasSize(1);
    assertThat(kafka.readAll(Topics.CLEANING_CHUNKS, id)).hasSize(3);
    assertThat(kafka.readAll(Topics.CLEANING_DLQ, id)).isEmpty(); // DatasetOpened was ignored
  }

  /** Type-7 quantile of sorted values, worked out here. */
  static double quantile(List<Double> sorted, double q) {
    double h = (sorted.size() - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  static List<Double> trainingValues(
      List<Row> rows, java.util.function.ToDoubleFunction<Row> column) {
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
    DatasetProfiled profiled = awaitProfiled(id);

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
    java.util.Set<Long> keptIds = new java.util.HashSet<>();
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

    List<RowChunk> chunks = cleaned(profiled);
    Map<Long, Double> a = column(chunks, "a");
    assertThat(a.keySet()).containsExactlyInAnyOrderElementsOf(keptIds);
    // Every original validation and test row is still there (clipped, not dropped).
    for (int i = 1; i <= ROWS; i++) {
      if (split(i) != Split.TRAIN) {
        assertThat(a).containsKey((long) i);
      }
    }
    // Missing a (row 39, test) took the training median, then was scaled with training mean/std.
    double mean = ta.stream().mapToDouble(Double::doubleValue).sum() / ta.size();
    double std = Math.sqrt(ta.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / ta.size());
    assertThat(a.get(39L)).isCloseTo((quantile(ta, 0.5) - mean) / std, within(1e-9));
    // A far validation outlier is clipped to the upper bound.
    assertThat(a.get(48L)).isCloseTo((hiA - mean) / std, within(1e-9));
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicWithTheReason() {
    String id = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    kafka.send(Topics.INGEST_DATASETS, id, null, new byte[] {1, 2, 3});
    kafka.send(Topics.INGEST_DATASETS, id, "trainyard.dataset.unknown.v1", new byte[] {1});
    kafka.send(
        Topics.INGEST_DATASETS, id, EventTypes.DATASET_SEALED, new byte[] {(byte) 0xff, 0x01});
    kafka.send(
        Topics.INGEST_DATASETS,
        id,
        DatasetSealed.newBuilder().setEventId("e").setSpecJson("{\"name\":\"x\"}").build());
    List<ConsumerRecord<String, byte[]>> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> kafka.readAll(Topics.CLEANING_DLQ, id), r -> r.size() >= 4);
    assertThat(dead).hasSize(4);
    assertThat(KafkaProbe.header(dead.get(0), "dead-letter-reason")).contains("ce_type");
    assertThat(KafkaProbe.header(dead.get(1), "dead-letter-reason"))
        .contains("unexpected event type");
    assertThat(KafkaProbe.header(dead.get(2), "dead-letter-reason")).contains("not a valid");
    assertThat(KafkaProbe.header(dead.get(3), "dead-letter-reason")).contains("dataset.dataset_id");
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
  void healthChecksKafkaAndMongo() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
