package io.trainyard.labeling.service;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelColumn;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.config.LabelingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Random;
import org.jboss.logging.Logger;

/**
 * Gets the stage ready for its first data set while it idles after start, on a background thread:
 * loads the spec parser, reaches the store, loads the Kafka reader, and labels, encodes, batches,
 * serializes and parses synthetic chunks in memory until the JIT has compiled those paths. Without
 * it the first data set ran its hot loops interpreted (about twice as slow). Nothing is published
 * or stored.
 */
@ApplicationScoped
public class Warmup {

  private static final Logger LOG = Logger.getLogger(Warmup.class);
  private static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("trainyard-warmup").setVersion(1).build();

  private final LabelingConfig config;
  private final PreparedStore store;
  private final ChunkSource source;

  public Warmup(LabelingConfig config, PreparedStore store, ChunkSource source) {
    this.config = config;
    this.store = store;
    this.source = source;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.warmUp()) {
      return;
    }
    Thread thread = new Thread(this::run, "labeling-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  void run() {
    long started = System.nanoTime();
    try {
      SpecParser.fromJson(
          SpecParser.toCanonicalJson(
              SpecParser.parse("{\"name\":\"warmup\",\"dataset\":{\"label\":\"label\"}}")));
      source.read(List.of(), REF.getDatasetId(), chunk -> {});
      DatasetSchema schema = schema(16);
      RowChunk chunk = RowChunk.parseFrom(chunk(16, 500).toByteArray());
      for (int round = 0; round < 40; round++) {
        Labeler labeler =
            new Labeler(
                new FeatureEncoder(schema),
                new LabelColumn(List.of("a", "b")),
                REF,
                256,
                batch -> {
                  try {
                    PreparedBatch.parseFrom(batch.toByteArray());
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        for (int i = 0; i < 5; i++) {
          labeler.accept(chunk);
        }
        labeler.finish();
      }
      store.exists(REF);
      LOG.infof("warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      LOG.warnf("warm-up skipped: %s", e.toString());
    }
  }

  static DatasetSchema schema(int columns) {
    DatasetSchema.Builder b = DatasetSchema.newBuilder().setLabelColumn("label");
    for (int j = 0; j < columns; j++) {
      b.addColumns(ColumnSchema.newBuilder().setName("x" + j).setKind(ColumnKind.NUMERIC));
    }
    return b.addColumns(
            ColumnSchema.newBuilder()
                .setName("c")
                .setKind(ColumnKind.CATEGORICAL)
                .addCategories("p")
                .addCategories("q"))
        .addColumns(
            ColumnSchema.newBuilder()
                .setName("label")
                .setKind(ColumnKind.LABEL)
                .addCategories("a")
                .addCategories("b"))
        .build();
  }

  static RowChunk chunk(int columns, int rows) {
    Random random = new Random(1);
    RowChunk.Builder b = RowChunk.newBuilder().setDataset(REF);
    for (int i = 0; i < rows; i++) {
      b.addRowIds(i + 1)
          .addSplits(i % 10 < 7 ? Split.TRAIN : (i % 10 < 9 ? Split.VALIDATION : Split.TEST))
          .addLabels(i % 3 == 0 ? "a" : "b");
    }
    for (int j = 0; j < columns; j++) {
      NumericColumn.Builder col = NumericColumn.newBuilder().setName("x" + j);
      for (int i = 0; i < rows; i++) {
        col.addValues(random.nextGaussian());
      }
      b.addNumeric(col);
    }
    StringColumn.Builder c = StringColumn.newBuilder().setName("c");
    for (int i = 0; i < rows; i++) {
      c.addValues(i % 2 == 0 ? "p" : "q");
    }
    return b.addCategorical(c).build();
  }
}
