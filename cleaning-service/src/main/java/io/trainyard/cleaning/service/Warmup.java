package io.trainyard.cleaning.service;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.cleaning.Cleaner;
import io.trainyard.cleaning.Profiler;
import io.trainyard.cleaning.StreamProfile;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.messaging.ChunkSource;
import io.trainyard.contracts.runtime.Warmups;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.contracts.wire.ChunkView;
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

  /** Rows of a synthetic chunk (the spec's default chunk size). */
  private static final int ROWS = 500;

  /** Numeric and categorical columns of a synthetic chunk. */
  private static final int NUMERIC = 6;

  private static final int CATEGORICAL = 3;

  private final CleaningConfig config;
  private final ProfileStore store;
  private final ChunkSource source;
  private final CleaningOutput output;

  public Warmup(
      CleaningConfig config, ProfileStore store, ChunkSource source, CleaningOutput output) {
    this.output = output;
    this.config = config;
    this.store = store;
    this.source = source;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.warmUp()) {
      return;
    }
    Warmups.inBackground("cleaning-warmup", LOG, this::run);
  }

  void run() throws Exception {
    PipelineSpec spec =
        SpecParser.fromJson(
            SpecParser.toCanonicalJson(
                SpecParser.parse("{\"name\":\"warmup\",\"dataset\":{\"label\":\"label\"}}")));
    source.read(List.of(), REF.getDatasetId(), chunk -> {});
    output.warmUp();
    // Synthetic chunks parsed from bytes as the consumers do, enough of them per round that
    // the quantile sketches overflow into bins and digest (at the default limit).
    byte[] bytes = chunk().toByteArray();
    int chunks = Math.min(64, 2 + config.exactQuantileLimit() / (ROWS / 2));
    for (int round = 0; round < 12; round++) {
      StreamProfile streamed =
          StreamProfile.start(
              ChunkView.parse(bytes), config.exactQuantileLimit(), config.tdigestCompression());
      Profiler replayed =
          StreamProfile.replayProfiler(
              schema(), config.exactQuantileLimit(), config.tdigestCompression());
      for (int i = 0; i < chunks; i++) {
        ChunkView chunk = ChunkView.parse(bytes);
        streamed.profiler().accept(chunk);
        replayed.accept(chunk, i % 2, 2);
      }
      Cleaner cleaner = new Cleaner(streamed.profiler().plan(spec.cleaning()), ROWS);
      for (int i = 0; i < chunks; i++) {
        cleaner.clean(ChunkView.parse(bytes));
      }
    }
    store.exists(REF);
  }

  private static DatasetSchema schema() {
    DatasetSchema.Builder b = DatasetSchema.newBuilder().setLabelColumn("label");
    for (int j = 0; j < NUMERIC; j++) {
      b.addColumns(ColumnSchema.newBuilder().setName("n" + j).setKind(ColumnKind.NUMERIC));
    }
    for (int j = 0; j < CATEGORICAL; j++) {
      b.addColumns(ColumnSchema.newBuilder().setName("c" + j).setKind(ColumnKind.CATEGORICAL));
    }
    return b.addColumns(ColumnSchema.newBuilder().setName("label").setKind(ColumnKind.LABEL))
        .build();
  }

  /**
   * Numeric columns of different scales and categorical ones of a few values, each with a few
   * missing values; three classes.
   */
  private static RowChunk chunk() {
    Random random = new Random(1);
    RowChunk.Builder b = RowChunk.newBuilder().setDataset(REF);
    for (int i = 0; i < ROWS; i++) {
      b.addRowIds(i + 1)
          .addSplits(i % 10 < 7 ? Split.TRAIN : (i % 10 < 9 ? Split.VALIDATION : Split.TEST))
          .addLabels("k" + random.nextInt(3));
    }
    for (int j = 0; j < NUMERIC; j++) {
      NumericColumn.Builder col = NumericColumn.newBuilder().setName("n" + j);
      double scale = Math.pow(10, j % 4);
      for (int i = 0; i < ROWS; i++) {
        col.addValues(random.nextInt(40) == 0 ? Double.NaN : scale * random.nextGaussian());
      }
      b.addNumeric(col);
    }
    for (int j = 0; j < CATEGORICAL; j++) {
      StringColumn.Builder col = StringColumn.newBuilder().setName("c" + j);
      for (int i = 0; i < ROWS; i++) {
        col.addValues(random.nextInt(30) == 0 ? "" : "v" + random.nextInt(2 + j));
      }
      b.addCategorical(col);
    }
    return b.build();
  }
}
