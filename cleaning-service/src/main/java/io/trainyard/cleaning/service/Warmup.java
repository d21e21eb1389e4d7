package io.trainyard.cleaning.service;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.cleaning.Cleaner;
import io.trainyard.cleaning.Profiler;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Random;
import org.jboss.logging.Logger;

/**
 * Gets the stage ready for its first data set while it idles after start, on a background thread:
 * loads the spec parser, reaches the store, loads the Kafka reader, and runs both passes over a
 * synthetic chunk in memory until the JIT has compiled them. Without it the first data set paid
 * about a second of class loading and connection set-up before its first chunk, and ran its hot
 * loops interpreted. Nothing is published or stored.
 */
@ApplicationScoped
public class Warmup {

  private static final Logger LOG = Logger.getLogger(Warmup.class);
  private static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("trainyard-warmup").setVersion(1).build();

  private final CleaningConfig config;
  private final ProfileStore store;
  private final ChunkSource source;

  public Warmup(CleaningConfig config, ProfileStore store, ChunkSource source) {
    this.config = config;
    this.store = store;
    this.source = source;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.warmUp()) {
      return;
    }
    Thread thread = new Thread(this::run, "cleaning-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  void run() {
    long started = System.nanoTime();
    try {
      PipelineSpec spec =
          SpecParser.fromJson(
              SpecParser.toCanonicalJson(
                  SpecParser.parse("{\"name\":\"warmup\",\"dataset\":{\"label\":\"label\"}}")));
      source.read(List.of(), REF.getDatasetId(), chunk -> {});
      RowChunk chunk = chunk(16, 500);
      for (int round = 0; round < 40; round++) {
        Profiler profiler = new Profiler(schema(16), config.exactQuantileLimit(), 100);
        for (int i = 0; i < 5; i++) {
          profiler.accept(chunk, 0, 1, Profiler.Part.ALL);
        }
        Cleaner cleaner = new Cleaner(profiler.plan(spec.cleaning()), 2500);
        for (int i = 0; i < 5; i++) {
          RowChunk.parseFrom(cleaner.clean(chunk).toByteArray());
        }
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
    return b.addColumns(ColumnSchema.newBuilder().setName("c").setKind(ColumnKind.CATEGORICAL))
        .addColumns(ColumnSchema.newBuilder().setName("label").setKind(ColumnKind.LABEL))
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
        col.addValues(i % 50 == 0 ? Double.NaN : random.nextGaussian());
      }
      b.addNumeric(col);
    }
    StringColumn.Builder c = StringColumn.newBuilder().setName("c");
    for (int i = 0; i < rows; i++) {
      c.addValues(i % 7 == 0 ? "" : (i % 2 == 0 ? "p" : "q"));
    }
    return b.addCategorical(c).build();
  }
}
