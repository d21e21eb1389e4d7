package io.trainyard.labeling.service;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.labeling.EncodedBatch;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelColumn;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.SplitWriter;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.runtime.WarmupData;
import io.trainyard.toolkit.runtime.Warmups;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
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

  private final LabelingConfig config;
  private final PreparedStore store;
  private final ChunkReplay replay;
  private final LabelingOutput output;

  public Warmup(
      LabelingConfig config, PreparedStore store, ChunkReplay replay, LabelingOutput output) {
    this.output = output;
    this.config = config;
    this.store = store;
    this.replay = replay;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.warmUp()) {
      return;
    }
    Warmups.inBackground("labeling-warmup", LOG, this::run);
  }

  void run() throws Exception {
    PipelineSpec spec =
        SpecParser.fromJson(SpecParser.toCanonicalJson(SpecParser.parse(WarmupData.SPEC_JSON)));
    replay.replay(List.of(), WarmupData.REF.getDatasetId(), chunk -> {});
    output.warmUp();
    // Chunks of the default size, parsed from bytes as the consumers do, into batches of the
    // default size, serialized as the producer does.
    byte[] bytes = WarmupData.chunk(spec.dataset().chunkRows(), false).toByteArray();
    for (int round = 0; round < 12; round++) {
      SplitWriter runs =
          new SplitWriter(
              () ->
                  new SplitWriter.Writer() {
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
              new FeatureEncoder(WarmupData.schema()),
              new LabelColumn(WarmupData.CLASSES),
              WarmupData.REF,
              spec.labeling().batchSize(),
              runs::accept);
      for (int i = 0; i < 32; i++) {
        labeler.accept(ChunkView.parse(bytes));
      }
      labeler.finish();
      runs.finish();
    }
    store.exists(WarmupData.REF);
  }
}
