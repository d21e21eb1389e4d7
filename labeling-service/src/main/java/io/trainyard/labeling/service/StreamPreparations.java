package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.labeling.FeatureEncoder;
import io.trainyard.labeling.LabelSource;
import io.trainyard.labeling.Labeler;
import io.trainyard.labeling.SplitWriter;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.toolkit.storage.VersionDocuments;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Batches as the cleaned chunks stream in: cleaning publishes a version's cleaned chunks well
 * before its DatasetProfiled, so each chunk is labeled, encoded and batched as it comes and the
 * training batches are published at once (validation and test ones as {@link SplitWriter}); on
 * DatasetProfiled {@link LabelingService} only flushes the partial batches and publishes
 * DatasetPrepared.
 *
 * <p>A version is streamed only when labeling knows its spec and schema before its first cleaned
 * chunk ({@link #open}, from ingest's DatasetOpened or DatasetSealed, which come long before), its
 * labels come from the label column (a rule needs the raw values first: that path replays), it was
 * not prepared already, and the bounds allow ({@code stream.max-open} versions at once). Whatever
 * is not complete when DatasetProfiled comes (rows seen ≠ {@code rows_out}) is dropped and
 * replayed: its batches were published but no DatasetPrepared names their ranges, so no reader sees
 * them.
 */
@ApplicationScoped
public class StreamPreparations {

  private static final Logger LOG = Logger.getLogger(StreamPreparations.class);

  /** Versions handled, refused or missed lately: their chunks start nothing. */
  private static final int DONE_MEMORY = 4096;

  private final LabelingConfig config;
  private final LabelingMetrics metrics;
  private final PreparedStore store;
  private final BatchWriters batchWriters;
  private final Map<String, State> open = new LinkedHashMap<>();
  private final Map<String, Boolean> done = lru();

  public StreamPreparations(
      LabelingConfig config,
      LabelingMetrics metrics,
      PreparedStore store,
      BatchWriters batchWriters) {
    this.config = config;
    this.metrics = metrics;
    this.store = store;
    this.batchWriters = batchWriters;
  }

  private static Map<String, Boolean> lru() {
    return new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > DONE_MEMORY;
      }
    };
  }

  /** What one streamed version has made so far. */
  public static final class State {
    final DatasetRef ref;
    final FeatureEncoder encoder;
    final LabelSource labels;
    final Labeler labeler;
    final SplitWriter writer;
    final int batchSize;
    final Set<Long> chunks = new HashSet<>();
    volatile long touched = System.nanoTime();
    String broken;

    State(
        DatasetRef ref,
        FeatureEncoder encoder,
        LabelSource labels,
        int batchSize,
        SplitWriter writer) {
      this.ref = ref;
      this.encoder = encoder;
      this.labels = labels;
      this.batchSize = batchSize;
      this.writer = writer;
      this.labeler = new Labeler(encoder, labels, ref, batchSize, writer::accept);
    }
  }

  static String key(DatasetRef ref) {
    return VersionDocuments.key(ref);
  }

  /**
   * Learns a version's spec and schema before its cleaned chunks come (from DatasetOpened or
   * DatasetSealed); opens its stream when it qualifies. A second hint for a version changes
   * nothing.
   */
  public void open(DatasetRef ref, String specJson, DatasetSchema schema) {
    if (!config.stream().enabled() || ref.getDatasetId().isEmpty() || ref.getVersion() <= 0) {
      return;
    }
    String key = key(ref);
    synchronized (this) {
      if (open.containsKey(key) || done.containsKey(key)) {
        return;
      }
    }
    String refused = refusal(ref, specJson, schema);
    synchronized (this) {
      if (open.containsKey(key) || done.containsKey(key)) {
        return;
      }
      evictIdleLocked();
      if (refused == null && open.size() >= config.stream().maxOpen()) {
        refused = open.size() + " versions streaming already";
      }
      if (refused != null) {
        LOG.infof("%s: not streamed (%s); labeling will replay", key, refused);
        done.put(key, Boolean.TRUE);
        return;
      }
      PipelineSpec spec = SpecParser.fromJson(specJson);
      FeatureEncoder encoder = new FeatureEncoder(schema);
      int batchSize = spec.labeling().batchSize();
      open.put(
          key,
          new State(
              ref,
              encoder,
              LabelingService.labelColumn(schema),
              batchSize,
              new SplitWriter(
                  batchWriters.forKey(ref.getDatasetId(), encoder.features(), batchSize),
                  config.holdBytes())));
    }
  }

  /** Why a version is not streamed, or null. */
  private String refusal(DatasetRef ref, String specJson, DatasetSchema schema) {
    PipelineSpec spec;
    try {
      spec = SpecParser.fromJson(specJson);
    } catch (RuntimeException e) { // SpecException included
      return "unreadable spec";
    }
    if (spec.labeling().rule() != null) {
      return "labels come from a rule over raw values";
    }
    try {
      LabelingService.labelColumn(schema);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    if (store.exists(ref)) {
      return "prepared already";
    }
    return null;
  }

  private void evictIdleLocked() {
    long now = System.nanoTime();
    long idle = config.stream().idle().toNanos();
    for (Iterator<Map.Entry<String, State>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, State> e = it.next();
      if (now - e.getValue().touched > idle) {
        LOG.infof("%s: stream idle, dropped", e.getKey());
        it.remove();
        done.put(e.getKey(), Boolean.TRUE);
      }
    }
  }

  /**
   * Labels, encodes and batches one cleaned chunk of a streamed version (publishing the batches
   * that fill up); a chunk of a version that is not streamed marks it as missed, so that a late
   * hint does not start it half-way.
   */
  public void accept(ChunkView chunk) {
    String key = key(chunk.dataset());
    State state;
    synchronized (this) {
      state = open.get(key);
      if (state == null) {
        done.putIfAbsent(key, Boolean.TRUE);
        return;
      }
    }
    synchronized (state) {
      if (state.broken != null || !state.chunks.add(chunk.chunkIndex())) {
        return;
      }
      try {
        state.labeler.accept(chunk);
      } catch (RuntimeException e) {
        state.broken = "chunk " + chunk.chunkIndex() + ": " + e.getMessage();
        LOG.warnf("%s: stream broken (%s); labeling will replay", key, state.broken);
      }
    }
    state.touched = System.nanoTime();
    metrics.streamedChunk();
    synchronized (this) {
      notifyAll();
    }
  }

  /**
   * The finished stream of {@code profiled}'s version once it has seen every cleaned row ({@code
   * rows_out}): partial batches flushed, every batch acknowledged. Empty (and the stream dropped)
   * when the version was not streamed, when the stream broke, or when it makes no progress for
   * {@code stream.stall}.
   */
  public Optional<State> take(DatasetProfiled profiled) {
    String key = key(profiled.getDataset());
    long stall = config.stream().stall().toNanos();
    State state;
    synchronized (this) {
      try {
        while (true) {
          state = open.get(key);
          if (state == null) {
            done.put(key, Boolean.TRUE);
            return Optional.empty();
          }
          long rows;
          String broken;
          synchronized (state) {
            rows = state.labeler.rowsIn();
            broken = state.broken;
          }
          if (broken == null && rows == profiled.getRowsOut()) {
            break;
          }
          if (broken != null
              || rows > profiled.getRowsOut()
              || System.nanoTime() - state.touched >= stall) {
            LOG.infof(
                "%s: stream incomplete (%s); labeling will replay",
                key,
                broken != null ? broken : rows + " of " + profiled.getRowsOut() + " rows seen");
            open.remove(key);
            done.put(key, Boolean.TRUE);
            return Optional.empty();
          }
          wait(50);
        }
        open.remove(key);
        done.put(key, Boolean.TRUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        open.remove(key);
        done.put(key, Boolean.TRUE);
        return Optional.empty();
      }
    }
    synchronized (state) {
      state.labeler.finish();
    }
    return Optional.of(state);
  }

  /** Drops the stream of a version that needs none (e.g. one prepared already). */
  public synchronized void discard(DatasetRef ref) {
    String key = key(ref);
    open.remove(key);
    done.put(key, Boolean.TRUE);
  }

  /** Versions streaming now. */
  public synchronized int openStreams() {
    return open.size();
  }

  /** True while {@code ref}'s cleaned chunks are batched as they come. */
  public synchronized boolean streaming(DatasetRef ref) {
    return open.containsKey(key(ref));
  }
}
