package io.trainyard.cleaning.service;

import io.trainyard.cleaning.Cleaner;
import io.trainyard.cleaning.Profiler;
import io.trainyard.cleaning.StreamProfile;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.runtime.Rehearsal;
import io.trainyard.toolkit.runtime.WarmupData;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What cleaning rehearses after start (the toolkit's warm-up runs it in the background): loads the
 * spec parser, reaches the store, loads the Kafka reader, and runs both passes over a synthetic
 * chunk in memory until the JIT has compiled them. Without it the first data set would pay for
 * class loading and connection set-up before its first chunk, and run its hot loops interpreted.
 * Nothing is published or stored.
 */
@ApplicationScoped
public class Warmup implements Rehearsal {

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

  @Override
  public String name() {
    return "cleaning";
  }

  @Override
  public void rehearse() throws Exception {
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
