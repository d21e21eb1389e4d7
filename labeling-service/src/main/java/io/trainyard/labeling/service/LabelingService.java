package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.contracts.messaging.PoisonEventException;
import io.trainyard.contracts.messaging.TrackedPublisher;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.labeling.BatchBuilder;
import io.trainyard.labeling.BatchSpool;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelColumn;
import io.trainyard.labeling.LabelRule;
import io.trainyard.labeling.LabelSource;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.RuleLabels;
import io.trainyard.labeling.config.LabelingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Prepares one profiled data set version: labels (label column, or a rule over the raw chunks),
 * encodes features, batches each split, publishes the batches (each split's together: training
 * batches as they fill, validation and test batches spooled to disk and published after), then
 * DatasetPrepared. A version that was prepared already is skipped.
 */
@ApplicationScoped
public class LabelingService {

  private static final Logger LOG = Logger.getLogger(LabelingService.class);

  /** Parsed chunks waiting for the worker at most (bounds the heap). */
  private static final int QUEUE = 8;

  /** What happened to one DatasetProfiled. */
  public enum Outcome {
    PROCESSED,
    DUPLICATE
  }

  private final LabelingConfig config;
  private final ChunkSource source;
  private final LabelingOutput output;
  private final PreparedStore store;
  private final LabelingMetrics metrics;

  public LabelingService(
      LabelingConfig config,
      ChunkSource source,
      LabelingOutput output,
      PreparedStore store,
      LabelingMetrics metrics) {
    this.config = config;
    this.source = source;
    this.output = output;
    this.store = store;
    this.metrics = metrics;
  }

  /** The deterministic event id of a version's DatasetPrepared. */
  public static String preparedEventId(DatasetRef ref) {
    return UUID.nameUUIDFromBytes(
            ("trainyard-labeling:prepared:" + ref.getDatasetId() + ":" + ref.getVersion())
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Prepares {@code profiled}'s data set version unless it was prepared already.
   *
   * @throws PoisonEventException when the event lacks what labeling needs
   */
  public Outcome prepare(DatasetProfiled profiled) {
    try {
      return doPrepare(profiled);
    } catch (RuntimeException e) {
      metrics.failed();
      throw e;
    }
  }

  private Outcome doPrepare(DatasetProfiled profiled) {
    DatasetRef ref = profiled.getDataset();
    String id = Envelopes.require(ref.getDatasetId(), "dataset.dataset_id");
    if (ref.getVersion() <= 0) {
      throw new PoisonEventException("required field 'dataset.version' must be positive");
    }
    PipelineSpec spec;
    try {
      spec = SpecParser.fromJson(Envelopes.require(profiled.getSpecJson(), "spec_json"));
    } catch (SpecException e) {
      throw new PoisonEventException(
          "spec_json is not a valid pipeline spec: " + e.getMessage(), e);
    }
    DatasetSchema schema = profiled.getSchema();
    if (schema.getColumnsCount() == 0) {
      throw new PoisonEventException("required field 'schema.columns' is empty");
    }
    PipelineSpec.Rule rule = spec.labeling().rule();
    if (rule != null && profiled.getRawChunksCount() == 0 && profiled.getRowsOut() > 0) {
      throw new PoisonEventException("required field 'raw_chunks' is empty (the spec has a rule)");
    }
    LabelSource labels = rule == null ? labelColumn(schema) : null;
    if (store.exists(ref)) {
      LOG.infof("%s v%d already prepared: skipping", id, ref.getVersion());
      metrics.duplicate();
      return Outcome.DUPLICATE;
    }
    long started = System.nanoTime();

    if (rule != null) {
      labels = ruleLabels(profiled, rule);
    }
    FeatureEncoder encoder = new FeatureEncoder(schema);
    int batchSize = spec.labeling().batchSize();
    Path spoolDir = Path.of(config.spoolDir().orElse(System.getProperty("java.io.tmpdir")));

    Publisher train = new Publisher();
    try (BatchSpool validation = new BatchSpool(spoolDir, "trainyard-validation-");
        BatchSpool test = new BatchSpool(spoolDir, "trainyard-test-")) {
      Labeler labeler =
          new Labeler(
              encoder,
              labels,
              ref,
              batchSize,
              batch -> {
                switch (batch.getSplit()) {
                  case TRAIN -> train.send(id, batch);
                  case VALIDATION -> validation.write(batch);
                  default -> test.write(batch);
                }
              });
      Set<Long> seen = new HashSet<>();
      try (Handoff<RowChunk> work = new Handoff<>("labeling-batch", QUEUE, labeler::accept)) {
        source.read(
            profiled.getChunksList(),
            id,
            chunk -> {
              if (wanted(chunk, ref, seen)) {
                work.put(chunk);
              }
            });
        work.finish();
      }
      labeler.finish();
      long read = System.nanoTime();
      if (profiled.getRowsOut() > 0 && labeler.rowsIn() != profiled.getRowsOut()) {
        throw new IllegalStateException(
            "the cleaned ranges hold "
                + labeler.rowsIn()
                + " rows of "
                + id
                + " v"
                + ref.getVersion()
                + "; DatasetProfiled says "
                + profiled.getRowsOut());
      }
      List<OffsetRange> trainRanges = train.finish();
      Publisher validationOut = new Publisher();
      validation.replay(b -> validationOut.send(id, b));
      List<OffsetRange> validationRanges = validationOut.finish();
      Publisher testOut = new Publisher();
      test.replay(b -> testOut.send(id, b));
      List<OffsetRange> testRanges = testOut.finish();

      DatasetPrepared prepared =
          DatasetPrepared.newBuilder()
              .setEventId(preparedEventId(ref))
              .setDataset(ref)
              .setSpecJson(profiled.getSpecJson())
              .addAllFeatureNames(encoder.featureNames())
              .addAllClasses(labels.classes())
              .setTrain(splitBatches(labeler.split(Split.TRAIN), trainRanges))
              .setValidation(splitBatches(labeler.split(Split.VALIDATION), validationRanges))
              .setTest(splitBatches(labeler.split(Split.TEST), testRanges))
              .setBatchSize(batchSize)
              .putAllClassCounts(labeler.classCounts())
              .setLabeledByRule(labels.byRule() ? labeler.rowsOut() : 0)
              .build();
      output.prepared(prepared);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      store.save(prepared, labeler.unlabeled() + labeler.unassigned(), took.toMillis());
      for (Split s : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
        metrics.split(s, labeler.split(s).rows(), labeler.split(s).batches());
      }
      metrics.processed(took);
      LOG.infof(
          "%s v%d prepared in %d ms (cleaned chunks read in %d ms): %d features, %d classes,"
              + " train %d / validation %d / test %d rows, %d unlabeled",
          id,
          ref.getVersion(),
          took.toMillis(),
          (read - started) / 1_000_000,
          encoder.features(),
          labels.classes().size(),
          labeler.split(Split.TRAIN).rows(),
          labeler.split(Split.VALIDATION).rows(),
          labeler.split(Split.TEST).rows(),
          labeler.unlabeled());
      return Outcome.PROCESSED;
    }
  }

  private static SplitBatches splitBatches(BatchBuilder builder, List<OffsetRange> ranges) {
    return SplitBatches.newBuilder()
        .setRows(builder.rows())
        .setBatches(builder.batches())
        .addAllRanges(ranges)
        .build();
  }

  private static LabelSource labelColumn(DatasetSchema schema) {
    String label = schema.getLabelColumn();
    if (label.isEmpty()) {
      throw new PoisonEventException("the data set has no label column and the spec has no rule");
    }
    Optional<ColumnSchema> column =
        schema.getColumnsList().stream().filter(c -> c.getName().equals(label)).findFirst();
    List<String> categories =
        column.<List<String>>map(ColumnSchema::getCategoriesList).orElse(List.of());
    LabelColumn source = new LabelColumn(categories);
    if (source.classes().isEmpty()) {
      throw new PoisonEventException("the label column '" + label + "' lists no categories");
    }
    return source;
  }

  private RuleLabels ruleLabels(DatasetProfiled profiled, PipelineSpec.Rule rule) {
    DatasetSchema schema = profiled.getSchema();
    boolean known =
        schema.getColumnsList().stream().anyMatch(c -> c.getName().equals(rule.column()));
    if (!known) {
      throw new PoisonEventException(
          "labeling.rule.column '" + rule.column() + "' is not a column of the data set");
    }
    RuleLabels labels =
        new RuleLabels(
            new LabelRule(rule),
            rule.column().equals(schema.getLabelColumn()),
            profiled.getRowsIn());
    DatasetRef ref = profiled.getDataset();
    Set<Long> seen = new HashSet<>();
    source.read(
        profiled.getRawChunksList(),
        ref.getDatasetId(),
        chunk -> {
          if (wanted(chunk, ref, seen)) {
            labels.acceptRaw(chunk);
          }
        });
    return labels;
  }

  /** Records of this version only, each chunk once (a chunk index seen before is skipped). */
  private static boolean wanted(RowChunk chunk, DatasetRef ref, Set<Long> seen) {
    return chunk.getDataset().getVersion() == ref.getVersion() && seen.add(chunk.getChunkIndex());
  }

  /** The in-flight bound: the configured count, lowered so that big batches fit the byte budget. */
  int inFlight(int recordBytes) {
    long byBytes = config.maxInFlightBytes() / Math.max(1, recordBytes);
    return (int) Math.max(2, Math.min(config.maxInFlight(), byBytes));
  }

  /** One split's TrackedPublisher, opened on its first batch (sized by that batch). */
  private final class Publisher {
    private TrackedPublisher publisher;

    void send(String key, PreparedBatch batch) {
      if (publisher == null) {
        publisher = output.batches(inFlight(batch.getSerializedSize()));
      }
      publisher.send(key, batch, batch.getEventId());
    }

    List<OffsetRange> finish() {
      return publisher == null ? List.of() : publisher.finish().ranges();
    }
  }
}
