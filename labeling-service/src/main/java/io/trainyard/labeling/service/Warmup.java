package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.labeling.EncodedBatch;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelColumn;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.SplitWriter;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.runtime.Rehearsal;
import io.trainyard.toolkit.runtime.WarmupData;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What labeling rehearses after start (the toolkit's warm-up runs it in the background): loads the
 * spec parser, reaches the store, loads the Kafka reader, and labels, encodes, batches, serializes
 * and parses synthetic chunks in memory until the JIT has compiled those paths. Without it the
 * first data set would run its hot loops interpreted. Nothing is published or stored.
 */
@ApplicationScoped
public class Warmup implements Rehearsal {

  private final PreparedStore store;
  private final ChunkReplay replay;
  private final LabelingOutput output;

  public Warmup(PreparedStore store, ChunkReplay replay, LabelingOutput output) {
    this.output = output;
    this.store = store;
    this.replay = replay;
  }

  @Override
  public String name() {
    return "labeling";
  }

  @Override
  public void rehearse() throws Exception {
    PipelineSpec spec =
        SpecParser.fromJson(SpecParser.toCanonicalJson(SpecParser.parse(WarmupData.SPEC_JSON)));
    replay.replay(List.of(), WarmupData.REF.getDatasetId(), chunk -> {});
    output.warmUp();
    // Chunks of the default size, parsed from bytes as the consumers do, into batches of the
    // default size, serialized as the producer does.
    byte[] bytes = WarmupData.chunk(spec.dataset().chunkRows(), false).toByteArray();
    for (int round = 0; round < 12; round++) {
      SplitWriter writer =
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
              writer::accept);
      for (int i = 0; i < 32; i++) {
        labeler.accept(ChunkView.parse(bytes));
      }
      labeler.finish();
      writer.finish();
    }
    store.exists(WarmupData.REF);
  }
}
