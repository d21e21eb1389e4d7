package io.trainyard.cleaning.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.testsupport.ChunkBuilder;
import io.trainyard.testsupport.DeadLetter;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the Quarkus tests of the stage share (a bean of the test application): the toy data set
 * whose cleaning is worked out by hand, and the steps around the running service on the devstack
 * broker (publish as ingest does, wait for the profile, read the cleaned chunks back, counters,
 * dead letters).
 *
 * <p>The data set: 60 rows in 3 chunks; row i is TRAIN when i % 10 < 7, VALIDATION for 7 and 8,
 * TEST for 9. Column {@code a}: i on training rows (rows 5 and 15 missing), 1000 + i on the others
 * (far outliers of the training distribution) except row 29 (test) = 30.5 and row 39 (test)
 * missing. Column {@code b}: i % 4. Column {@code c}: "x" for even i, "y" for odd i, missing for
 * rows 2, 3 and 4.
 */
@Singleton
class CleaningFixture {

  static final int ROWS = 60;

  final TestKafka kafka;
  private final KafkaClients clients;
  private final MeterRegistry registry;

  CleaningFixture(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
      KafkaClients clients,
      MeterRegistry registry) {
    this.clients = clients;
    this.registry = registry;
    this.kafka = new TestKafka(bootstrap);
  }

  @PreDestroy
  void close() {
    kafka.close();
  }

  // ---------------------------------------------------------------------------------------------
  // The data set

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

  /** The spec without a cleaning section: the defaults (mean, zscore 3 clip, standard). */
  static String spec(String id) {
    return "{\"name\":\"" + id + "\",\"dataset\":{\"label\":\"label\"}}";
  }

  static DatasetRef ref(String id) {
    return DatasetRef.newBuilder().setDatasetId(id).setVersion(1).setSpecHash("test").build();
  }

  /** One raw row. */
  record Row(long id, Split split, double a, double b, String c, String label) {}

  static Row row(int i) {
    return new Row(i, split(i), a(i), i % 4, c(i), i % 3 == 0 ? "pos" : "neg");
  }

  /** The data set's 3 chunks of 20 rows. */
  static List<RowChunk> chunks(DatasetRef ref) {
    return List.of(chunk(ref, 0, 1, 20), chunk(ref, 1, 21, 40), chunk(ref, 2, 41, 60));
  }

  /** Rows {@code from..to} (both included) as chunk {@code index}. */
  static RowChunk chunk(DatasetRef ref, int index, int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      rows.add(row(i));
    }
    return chunk(ref, index, rows);
  }

  /** The rows as ingest publishes them: ids as their run where they are one, packed decimals. */
  static RowChunk chunk(DatasetRef ref, int index, List<Row> rows) {
    long[] ids = rows.stream().mapToLong(Row::id).toArray();
    boolean run = true;
    for (int r = 1; r < ids.length; r++) {
      run &= ids[r] == ids[0] + r;
    }
    ChunkBuilder b =
        ChunkBuilder.chunk(ref, index)
            .eventId(UUID.randomUUID().toString())
            .splits(rows.stream().map(Row::split).toArray(Split[]::new))
            .decimals("a", rows.stream().mapToDouble(Row::a).toArray())
            .decimals("b", rows.stream().mapToDouble(Row::b).toArray())
            .categorical("c", rows.stream().map(Row::c).toArray(String[]::new))
            .labels(rows.stream().map(Row::label).toArray(String[]::new));
    return (run && ids.length > 0 ? b.idRun(ids[0], ids.length) : b.ids(ids)).build();
  }

  /** Mean and population standard deviation, worked out in two passes. */
  record Moments(double mean, double std) {
    static Moments of(List<Double> values) {
      double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
      double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
      return new Moments(mean, Math.sqrt(var));
    }
  }

  /** The training values of column a (rows 1..60). */
  static List<Double> trainingA() {
    List<Double> train = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      if (split(i) == Split.TRAIN && !Double.isNaN(a(i))) {
        train.add(a(i));
      }
    }
    return train;
  }

  // ---------------------------------------------------------------------------------------------
  // The service

  /**
   * Publishes the DatasetSealed of {@code chunks} (the chunks of one version, whose records lie in
   * {@code ranges}) as ingest does after them; row, chunk and split counts are theirs.
   */
  DatasetSealed seal(String specJson, List<RowChunk> chunks, List<OffsetRange> ranges) {
    long[] counts = new long[3];
    long rows = 0;
    for (RowChunk c : chunks) {
      for (Split s : c.getSplitsList()) {
        rows++;
        counts[s == Split.TRAIN ? 0 : (s == Split.VALIDATION ? 1 : 2)]++;
      }
    }
    DatasetSealed sealed =
        DatasetSealed.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(chunks.get(0).getDataset())
            .setSpecJson(specJson)
            .setSchema(schema())
            .setRowCount(rows)
            .setChunkCount(chunks.size())
            .setSplitCounts(
                SplitCounts.newBuilder()
                    .setTrain(counts[0])
                    .setValidation(counts[1])
                    .setTest(counts[2]))
            .addAllChunks(ranges)
            .build();
    kafka.publish(Topics.INGEST_DATASETS, sealed.getDataset().getDatasetId(), sealed);
    return sealed;
  }

  /** The one DatasetProfiled of data set {@code id}, once cleaning published it. */
  DatasetProfiled awaitProfiled(String id) {
    List<ConsumerRecord<String, byte[]>> records =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> kafka.readAll(Topics.CLEANING_PROFILES, id), r -> !r.isEmpty());
    assertThat(records).hasSize(1);
    assertThat(TestKafka.header(records.get(0), EventHeaders.CE_TYPE))
        .isEqualTo(EventTypes.DATASET_PROFILED);
    try {
      return DatasetProfiled.parseFrom(records.get(0).value());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cleaned chunks a profile points at. */
  List<RowChunk> cleaned(DatasetProfiled profiled) {
    List<RowChunk> out = new ArrayList<>();
    new RangeReader(clients)
        .read(
            profiled.getChunksList(),
            profiled.getDataset().getDatasetId(),
            EventTypes.ROW_CHUNK,
            RowChunk.parser(),
            out::add);
    return out;
  }

  /** A numeric column of chunks by row id. */
  /**
   * Cleaned numbers travel at the precision of the batches (floats): a cleaned value is the worked
   * out double rounded to a float, within a float's ulp (the worked-out double may differ from the
   * stage's in its last bits, and round the other way).
   */
  static org.assertj.core.data.Offset<Double> atFloatPrecision(double expected) {
    return within((double) Math.ulp((float) expected));
  }

  static Map<Long, Double> column(List<RowChunk> chunks, String name) {
    Map<Long, Double> out = new HashMap<>();
    for (RowChunk ch : chunks) {
      NumericColumn col =
          ch.getNumericList().stream()
              .filter(n -> n.getName().equals(name))
              .findFirst()
              .orElseThrow();
      double[] values = io.trainyard.toolkit.wire.Decimals.values(col);
      long[] ids = ChunkView.of(ch).rowIds();
      for (int i = 0; i < ids.length; i++) {
        out.put(ids[i], values[i]);
      }
    }
    return out;
  }

  /**
   * Checks the profile and the cleaned chunks of the data set under the default spec against column
   * a worked out here: its training statistics and every row's cleaned value (missing → the
   * training mean, clipped to mean ± 3 std, scaled with the training mean and std).
   *
   * @return the cleaned chunks
   */
  List<RowChunk> assertCleanedAsWorkedOut(DatasetProfiled profiled) {
    Moments m = Moments.of(trainingA());
    ColumnProfile pa = profiled.getColumnsList().get(0);
    assertThat(pa.getName()).isEqualTo("a");
    assertThat(pa.getCount()).isEqualTo(40);
    assertThat(pa.getMissing()).isEqualTo(2);
    assertThat(pa.getMean()).isCloseTo(m.mean(), within(1e-9));
    assertThat(pa.getStddev()).isCloseTo(m.std(), within(1e-9));
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
    assertThat(profiled.getRowsOut()).isEqualTo(ROWS);
    assertThat(profiled.getCategoricalModesMap()).containsEntry("c", "x");

    List<RowChunk> cleaned = cleaned(profiled);
    assertThat(cleaned).hasSize(3);
    Map<Long, Double> a = column(cleaned, "a");
    assertThat(a).hasSize(ROWS);
    for (int i = 1; i <= ROWS; i++) {
      double raw = a(i);
      double expected =
          Double.isNaN(raw)
              ? 0.0
              : (Math.max(m.mean() - 3 * m.std(), Math.min(m.mean() + 3 * m.std(), raw)) - m.mean())
                  / m.std();
      assertThat(a.get((long) i)).as("row %d", i).isCloseTo(expected, atFloatPrecision(expected));
    }
    // labels, row ids and splits pass through
    RowChunk first = cleaned.get(0);
    assertThat(ChunkView.of(first).rowIds()).hasSize(20).startsWith(1L, 2L, 3L);
    assertThat(ChunkView.of(first).labels()[2]).isEqualTo("pos");
    assertThat(first.getSplits(7)).isEqualTo(Split.VALIDATION);
    return cleaned;
  }

  /** The count of a counter; 0 while it does not exist. */
  double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  /** The count of the counter {@code name} tagged {@code tag=value}; 0 while it does not exist. */
  double counter(String name, String tag, String value) {
    var c = registry.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  double duplicates() {
    return counter("trainyard.cleaning.datasets", "outcome", "duplicate");
  }

  /**
   * Waits until {@code more} DatasetSealed events beyond {@code before} were found duplicates, and
   * checks that data set {@code id} still has one profile and its 3 cleaned chunks.
   */
  void assertDuplicatesPublishNothing(String id, double before, int more) {
    await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() >= before + more);
    assertThat(kafka.readAll(Topics.CLEANING_PROFILES, id)).hasSize(1);
    assertThat(kafka.readAll(Topics.CLEANING_CHUNKS, id)).hasSize(3);
  }

  /** Waits for the dead letters of key {@code id}: one per reason, in order, each containing it. */
  void assertDeadLetters(String id, String... reasons) {
    List<DeadLetter> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    kafka.deadLetters(Topics.CLEANING_DLQ).stream()
                        .filter(d -> id.equals(d.key()))
                        .toList(),
                d -> d.size() >= reasons.length);
    assertThat(dead).hasSize(reasons.length);
    for (int i = 0; i < reasons.length; i++) {
      assertThat(dead.get(i).reason()).as("dead letter %d", i).contains(reasons[i]);
    }
  }
}
