package io.trainyard.cleaning.service;

import io.quarkus.runtime.StartupEvent;
import io.trainyard.cleaning.Cleaner;
import io.trainyard.cleaning.Profiler;
import io.trainyard.cleaning.StreamProfile;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
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
 * loads the spec parser, reaches the store, loads the Kafka reader, and runs both passes over a
 * synthetic chunk in memory until the JIT has compiled them. Without it the first data set paid
 * about a second of class loading and connection set-up before its first chunk, and ran its hot
 * loops interpreted. Nothing is published or stored.
 */
@ApplicationScoped
public class Warmup {

  private static final Logger LOG = Logger.getLogger(Warmup.class);

  private final CleaningConfig config;
  private final ProfileStore store;
  private final ChunkReplay replay;
  private final CleaningOutput output;

  public Warmup(
      CleaningConfig config, ProfileStore store, ChunkReplay replay, CleaningOutput output) {
    this.output = output;
    this.config = config;
    this.store = store;
    this.replay = replay;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.warmUp()) {
      return;
    }
    Warmups.inBackground("cleaning-warmup", LOG, this::run);
  }

  void run() throws Exception {
    PipelineSpec spec =
        SpecParser.fromJson(SpecParser.toCanonicalJson(SpecParser.parse(WarmupData.SPEC_JSON)));
    replay.replay(List.of(), WarmupData.REF.getDatasetId(), chunk -> {});
    output.warmUp();
    // Synthetic chunks parsed from bytes as the consumers do, enough of them per round that
    // the quantile sketches overflow into bins and digest (at the default limit).
    byte[] bytes = WarmupData.chunk(spec.dataset().chunkRows(), true).toByteArray();
    int rows = spec.dataset().chunkRows();
    int chunks = Math.min(64, 2 + config.exactQuantileLimit() / (rows / 2));
    for (int round = 0; round < 12; round++) {
      StreamProfile streamed =
          StreamProfile.start(
              ChunkView.parse(bytes), config.exactQuantileLimit(), config.tdigestCompression());
      Profiler replayed =
          StreamProfile.replayProfiler(
              WarmupData.schema(), config.exactQuantileLimit(), config.tdigestCompression());
      for (int i = 0; i < chunks; i++) {
        ChunkView chunk = ChunkView.parse(bytes);
        streamed.profiler().accept(chunk);
        replayed.accept(chunk, i % 2, 2);
      }
      Cleaner cleaner = new Cleaner(streamed.profiler().plan(spec.cleaning()), rows);
      for (int i = 0; i < chunks; i++) {
        cleaner.clean(ChunkView.parse(bytes));
      }
    }
    store.exists(WarmupData.REF);
  }
}
