package io.trainyard.labeling.service;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.messaging.ChunkSource;
import io.trainyard.contracts.runtime.Warmups;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.contracts.wire.ChunkView;
import io.trainyard.labeling.EncodedBatch;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelColumn;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.SplitRuns;
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
  private static final int NUMERIC = 6;
  private static final int CATEGORICAL = 3;
  private static final List<String> CATEGORIES = List.of("k", "l", "m", "n");
  private static final List<String> CLASSES = List.of("p", "q", "r");
  private static final DatasetSchema SCHEMA = schema();

  private final LabelingConfig config;
  private final PreparedStore store;
  private final ChunkSource source;
  private final LabelingOutput output;

  public Warmup(
      LabelingConfig config, PreparedStore store, ChunkSource source, LabelingOutput output) {
    this.output = output;
    this.config = config;
    this.store = store;
    this.source = source;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.warmUp()) {
      return;
    }
    Warmups.inBackground("labeling-warmup", LOG, this::run);
  }

  void run() throws Exception {
    SpecParser.fromJson(
        SpecParser.toCanonicalJson(
            SpecParser.parse("{\"name\":\"warmup\",\"dataset\":{\"label\":\"class\"}}")));
    source.read(List.of(), REF.getDatasetId(), chunk -> {});
    output.warmUp();
    // Chunks of the size cleaning publishes by default (2000 rows), parsed from bytes as the
    // consumers do, into batches of the default size, serialized as the producer does.
    byte[] bytes = chunk(2000).toByteArray();
    for (int round = 0; round < 12; round++) {
      SplitRuns runs =
          new SplitRuns(
              () ->
                  new SplitRuns.Run() {
                    @Override
                    public void send(EncodedBatch batch) {
                      batch.bytes();
                    }

                    @Override
                    public List<OffsetRange> finish() {
                      return List.of();
                    }
                  },
              1 << 20);
      Labeler labeler =
          new Labeler(
              new FeatureEncoder(SCHEMA), new LabelColumn(CLASSES), REF, 1024, runs::accept);
      for (int i = 0; i < 8; i++) {
        labeler.accept(ChunkView.parse(bytes));
      }
      labeler.finish();
      runs.finish();
    }
    store.exists(REF);
  }

  /** Synthetic rows: a few numeric and categorical columns, three classes, splits at random. */
  private static RowChunk chunk(int rows) {
    Random random = new Random(1);
    RowChunk.Builder b = RowChunk.newBuilder().setDataset(REF);
    for (int i = 0; i < rows; i++) {
      b.addRowIds(i + 1)
          .addSplits(Split.forNumber(1 + random.nextInt(3)))
          .addLabels(CLASSES.get(random.nextInt(CLASSES.size())));
    }
    for (int j = 0; j < NUMERIC; j++) {
      NumericColumn.Builder col = NumericColumn.newBuilder().setName("n" + j);
      random.doubles(rows).forEach(col::addValues);
      b.addNumeric(col);
    }
    for (int j = 0; j < CATEGORICAL; j++) {
      StringColumn.Builder col = StringColumn.newBuilder().setName("k" + j);
      for (int i = 0; i < rows; i++) {
        col.addValues(CATEGORIES.get(random.nextInt(CATEGORIES.size())));
      }
      b.addCategorical(col);
    }
    return b.build();
  }

  private static DatasetSchema schema() {
    DatasetSchema.Builder b = DatasetSchema.newBuilder().setLabelColumn("class");
    for (int j = 0; j < NUMERIC; j++) {
      b.addColumnsBuilder().setName("n" + j).setKind(ColumnKind.NUMERIC);
    }
    for (int j = 0; j < CATEGORICAL; j++) {
      b.addColumnsBuilder()
          .setName("k" + j)
          .setKind(ColumnKind.CATEGORICAL)
          .addAllCategories(CATEGORIES);
    }
    b.addColumnsBuilder().setName("class").setKind(ColumnKind.LABEL).addAllCategories(CLASSES);
    return b.build();
  }
}
