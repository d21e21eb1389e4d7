package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.labeling.BatchBuilder;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelColumn;
import io.trainyard.labeling.LabelRule;
import io.trainyard.labeling.LabelSource;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.RuleLabels;
import io.trainyard.labeling.SplitWriter;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.Handoff;
import io.trainyard.toolkit.messaging.PoisonEventException;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Prepares one profiled data set version: labels (label column, or a rule over the raw chunks),
 * encodes features, batches each split and publishes the batches (each split's in offset ranges of
 * its own, {@link SplitWriter}), then DatasetPrepared. With labels from the label column the
 * batches were usually made already, as the cleaned chunks streamed in ({@link
 * StreamPreparations}); otherwise the cleaned chunks are replayed here. A version that was prepared
 * already is skipped. Cleaned ranges that hold another number of rows than DatasetProfiled's {@code
 * rows_out} fail the event (it goes to the dead-letter topic) and no DatasetPrepared is published.
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
  private final ChunkReplay replay;
  private final LabelingOutput output;
  private final PreparedStore store;
  private final LabelingMetrics metrics;
  private final StreamPreparations streams;
  private final BatchWriters batchWriters;

  public LabelingService(
      LabelingConfig config,
      ChunkReplay replay,
      LabelingOutput output,
      PreparedStore store,
      LabelingMetrics metrics,
      StreamPreparations streams,
      BatchWriters batchWriters) {
    this.streams = streams;
    this.batchWriters = batchWriters;
    this.config = config;
    this.replay = replay;
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
      streams.discard(ref);
      metrics.duplicate();
      return Outcome.DUPLICATE;
    }
    long started = System.nanoTime();
    int batchSize = spec.labeling().batchSize();

    // The batches: made as the cleaned chunks streamed in (only partial batches and the held-back
    // validation/test batches are left), or else replayed now.
    Optional<StreamPreparations.State> stream =
        rule == null ? streams.take(profiled) : Optional.empty();
    Labeler labeler;
    FeatureEncoder encoder;
    SplitWriter writer;
    if (stream.isPresent()) {
      StreamPreparations.State state = stream.get();
      labeler = state.labeler;
      encoder = state.encoder;
      labels = state.labels;
      writer = state.writer;
    } else {
      if (rule != null) {
        labels = ruleLabels(profiled, rule);
      }
      encoder = new FeatureEncoder(schema);
      writer =
          new SplitWriter(
              batchWriters.forKey(id, encoder.features(), batchSize), config.holdBytes());
      labeler = new Labeler(encoder, labels, ref, batchSize, writer::accept);
      Set<Long> seen = new HashSet<>();
      try (Handoff<ChunkView> work = new Handoff<>("labeling-batch", QUEUE, labeler::accept)) {
        replay.replay(
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
    }
    metrics.batched(stream.isPresent());
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
    Map<Split, List<OffsetRange>> ranges = writer.finish();

    DatasetPrepared prepared =
        DatasetPrepared.newBuilder()
            .setEventId(preparedEventId(ref))
            .setDataset(ref)
            .setSpecJson(profiled.getSpecJson())
            .addAllFeatureNames(encoder.featureNames())
            .addAllClasses(labels.classes())
            .setTrain(splitBatches(labeler.split(Split.TRAIN), ranges.get(Split.TRAIN)))
            .setValidation(
                splitBatches(labeler.split(Split.VALIDATION), ranges.get(Split.VALIDATION)))
            .setTest(splitBatches(labeler.split(Split.TEST), ranges.get(Split.TEST)))
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
        "%s v%d prepared in %d ms (batches %s, %d ms; %d range writers): %d features, %d classes,"
            + " train %d / validation %d / test %d rows, %d unlabeled",
        id,
        ref.getVersion(),
        took.toMillis(),
        stream.isPresent() ? "streamed" : "replayed",
        (read - started) / 1_000_000,
        writer.writersStarted(),
        encoder.features(),
        labels.classes().size(),
        labeler.split(Split.TRAIN).rows(),
        labeler.split(Split.VALIDATION).rows(),
        labeler.split(Split.TEST).rows(),
        labeler.unlabeled());
    return Outcome.PROCESSED;
  }

  private static SplitBatches splitBatches(BatchBuilder builder, List<OffsetRange> ranges) {
    return SplitBatches.newBuilder()
        .setRows(builder.rows())
        .setBatches(builder.batches())
        .addAllRanges(ranges)
        .build();
  }

  /** Labels from the schema's label column; a poison event when there is none. */
  static LabelSource labelColumn(DatasetSchema schema) {
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
    replay.replay(
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
  private static boolean wanted(ChunkView chunk, DatasetRef ref, Set<Long> seen) {
    return chunk.dataset().getVersion() == ref.getVersion() && seen.add(chunk.chunkIndex());
  }
}
