package io.trainyard.cleaning.service;

import io.trainyard.cleaning.Cleaner;
import io.trainyard.cleaning.KeptChunks;
import io.trainyard.cleaning.Profiler;
import io.trainyard.cleaning.StreamProfile;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.toolkit.messaging.ChunkReplay;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.Handoff;
import io.trainyard.toolkit.messaging.PoisonEventException;
import io.trainyard.toolkit.messaging.RangeWriter;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Cleans one sealed data set version: pass 1 (the training statistics) was fed as the raw chunks
 * were published ({@link StreamProfiles}), or else replays them; the plan is fixed; pass 2 reads
 * the raw chunks the stream kept ({@link KeptChunks}), or else replays them, and cleans and
 * publishes every chunk; then the profile is published and stored. A data set version that already
 * has a profile is skipped. Ranges that hold another number of rows than DatasetSealed counts fail
 * the event (it goes to the dead-letter topic) before anything is published.
 */
@ApplicationScoped
public class CleaningService {

  private static final Logger LOG = Logger.getLogger(CleaningService.class);

  /** Parsed chunks waiting for the worker at most (bounds the heap). */
  private static final int QUEUE = 16;

  /** What happened to one DatasetSealed. */
  public enum Outcome {
    PROCESSED,
    DUPLICATE
  }

  private final CleaningConfig config;
  private final ChunkReplay replay;
  private final CleaningOutput output;
  private final ProfileStore store;
  private final CleaningMetrics metrics;
  private final StreamProfiles streams;

  public CleaningService(
      CleaningConfig config,
      ChunkReplay replay,
      CleaningOutput output,
      ProfileStore store,
      CleaningMetrics metrics,
      StreamProfiles streams) {
    this.streams = streams;
    this.config = config;
    this.replay = replay;
    this.output = output;
    this.store = store;
    this.metrics = metrics;
  }

  /** The deterministic event id of a data set version's profile. */
  public static String profiledEventId(DatasetRef ref) {
    return UUID.nameUUIDFromBytes(
            ("trainyard-cleaning:profiled:" + ref.getDatasetId() + ":" + ref.getVersion())
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Cleans {@code sealed}'s data set version unless it was cleaned already.
   *
   * @throws PoisonEventException when the event lacks what cleaning needs
   */
  public Outcome clean(DatasetSealed sealed) {
    try {
      return doClean(sealed);
    } catch (RuntimeException e) {
      metrics.failed();
      throw e;
    }
  }

  private Outcome doClean(DatasetSealed sealed) {
    DatasetRef ref = sealed.getDataset();
    String id = Envelopes.require(ref.getDatasetId(), "dataset.dataset_id");
    if (ref.getVersion() <= 0) {
      throw new PoisonEventException("required field 'dataset.version' must be positive");
    }
    PipelineSpec spec;
    try {
      spec = SpecParser.fromJson(Envelopes.require(sealed.getSpecJson(), "spec_json"));
    } catch (SpecException e) {
      throw new PoisonEventException(
          "spec_json is not a valid pipeline spec: " + e.getMessage(), e);
    }
    if (sealed.getSchema().getColumnsCount() == 0) {
      throw new PoisonEventException("required field 'schema.columns' is empty");
    }
    if (store.exists(ref)) {
      LOG.infof("%s v%d already profiled: skipping", id, ref.getVersion());
      streams.discard(ref);
      metrics.duplicate();
      return Outcome.DUPLICATE;
    }
    long started = System.nanoTime();
    // Pass 1: the training statistics, streamed in while ingest published the chunks, or else
    // replayed (a stripe of columns per worker).
    StreamProfiles.Streamed stream = streams.take(sealed).orElse(null);
    try {
      return cleanVersion(sealed, spec, stream, started);
    } finally {
      if (stream != null) {
        streams.release(stream);
      }
    }
  }

  private Outcome cleanVersion(
      DatasetSealed sealed, PipelineSpec spec, StreamProfiles.Streamed stream, long started) {
    DatasetRef ref = sealed.getDataset();
    String id = ref.getDatasetId();
    List<OffsetRange> ranges = sealed.getChunksList();
    Profiler profiler = stream == null ? null : stream.profiler();
    boolean streamed = profiler != null;
    // The stream kept every chunk's bytes: pass 2 reads them from memory, not from the broker.
    KeptChunks kept = stream == null ? null : stream.chunks();
    long waited = System.nanoTime();
    LOG.infof(
        "%s v%d sealed: cleaning %d rows (pass 1 %s, pass 2 %s)",
        id,
        ref.getVersion(),
        sealed.getRowCount(),
        streamed ? "streamed" : "replayed",
        kept != null ? "from memory" : "replayed");
    if (!streamed) {
      profiler =
          StreamProfile.replayProfiler(
              sealed.getSchema(), config.exactQuantileLimit(), config.tdigestCompression());
      Profiler replayed = profiler;
      int stripes = Math.max(1, config.profileThreads());
      List<Handoff<ChunkView>> pass1 = new ArrayList<>();
      for (int s = 0; s < stripes; s++) {
        int stripe = s;
        pass1.add(
            new Handoff<>(
                "cleaning-profile-" + s, QUEUE, chunk -> replayed.accept(chunk, stripe, stripes)));
      }
      replay(ranges, ref, pass1);
    }
    metrics.pass1(streamed);
    long pass1Done = System.nanoTime();
    if (sealed.getRowCount() > 0 && profiler.rows() != sealed.getRowCount()) {
      throw new IllegalStateException(
          "the sealed ranges hold "
              + profiler.rows()
              + " rows of "
              + id
              + " v"
              + ref.getVersion()
              + "; DatasetSealed says "
              + sealed.getRowCount());
    }

    // Pass 2: clean and publish.
    Cleaner cleaner = new Cleaner(profiler.plan(spec.cleaning()), profiler.rows());
    RangeWriter[] publisher = new RangeWriter[1];
    List<Handoff<ChunkView>> pass2 = new ArrayList<>();
    pass2.add(
        new Handoff<>(
            "cleaning-clean",
            QUEUE,
            chunk -> {
              Cleaner.Cleaned cleaned = cleaner.clean(chunk);
              if (cleaned == null) {
                return;
              }
              if (publisher[0] == null) {
                publisher[0] = output.chunks(inFlight(cleaned.bytes().length));
              }
              publisher[0].send(id, cleaned.eventId(), cleaned.bytes());
            }));
    if (kept != null) {
      fromMemory(kept, pass2);
    } else {
      replay(ranges, ref, pass2);
    }
    metrics.pass2(kept != null);
    long replayed = System.nanoTime();
    List<OffsetRange> cleanedRanges = publisher[0] == null ? List.of() : publisher[0].finish();
    long acknowledged = System.nanoTime();

    DatasetProfiled profiled =
        DatasetProfiled.newBuilder()
            .setEventId(profiledEventId(ref))
            .setDataset(ref)
            .setSpecJson(sealed.getSpecJson())
            .setSchema(sealed.getSchema())
            .addAllColumns(cleaner.profiles())
            .setRowsIn(cleaner.rowsIn())
            .setRowsOut(cleaner.rowsOut())
            .setRowsDropped(cleaner.rowsDropped())
            .setDuplicatesDropped(cleaner.duplicatesDropped())
            .setSplitCounts(cleaner.splitCounts())
            .addAllChunks(cleanedRanges)
            .addAllRawChunks(ranges)
            .putAllCategoricalModes(categoricalModes(profiler))
            .build();
    output.profiled(profiled);
    long published = System.nanoTime();
    LOG.debugf(
        "%s v%d pass 2: replayed and cleaned %d ms, last acknowledgements %d ms, DatasetProfiled"
            + " %d ms",
        id,
        ref.getVersion(),
        (replayed - pass1Done) / 1_000_000,
        (acknowledged - replayed) / 1_000_000,
        (published - acknowledged) / 1_000_000);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    store.save(profiled, took.toMillis());
    metrics.processed(
        took,
        cleaner.rowsOut(),
        cleaner.rowsDropped(),
        cleaner.valuesImputed(),
        cleaner.valuesClipped());
    LOG.infof(
        "%s v%d cleaned in %d ms (pass 1 %s %d ms, waited %d ms): %d rows in, %d out (%d"
            + " outliers, %d duplicates dropped)",
        id,
        ref.getVersion(),
        took.toMillis(),
        streamed ? "streamed" : "replayed",
        (pass1Done - started) / 1_000_000,
        (waited - started) / 1_000_000,
        cleaner.rowsIn(),
        cleaner.rowsOut(),
        cleaner.outlierRowsDropped(),
        cleaner.duplicatesDropped());
    return Outcome.PROCESSED;
  }

  /**
   * Replays this version's chunks of {@code ranges} (each chunk once) into every worker, and waits
   * until they are done with them.
   */
  private void replay(List<OffsetRange> ranges, DatasetRef ref, List<Handoff<ChunkView>> workers) {
    Set<Long> seen = new HashSet<>();
    try {
      replay.replay(
          ranges,
          ref.getDatasetId(),
          chunk -> {
            if (wanted(chunk, ref, seen)) {
              workers.forEach(w -> w.put(chunk));
            }
          });
      workers.forEach(Handoff::finish);
    } finally {
      workers.forEach(Handoff::close);
    }
  }

  /**
   * Feeds the chunks the stream kept (each chunk index once, in the order a replay reads them) into
   * every worker, and waits until they are done with them.
   */
  private static void fromMemory(KeptChunks chunks, List<Handoff<ChunkView>> workers) {
    try {
      for (int i = 0; i < chunks.size(); i++) {
        ChunkView chunk = ChunkView.parse(chunks.get(i));
        workers.forEach(w -> w.put(chunk));
      }
      workers.forEach(Handoff::finish);
    } finally {
      workers.forEach(Handoff::close);
    }
  }

  private static Map<String, String> categoricalModes(Profiler profiler) {
    Map<String, String> modes = new LinkedHashMap<>();
    profiler.categorical().forEach((name, stats) -> modes.put(name, stats.mode()));
    return modes;
  }

  /** Records of this version only, each chunk once (a chunk index seen before is skipped). */
  private static boolean wanted(ChunkView chunk, DatasetRef ref, Set<Long> seen) {
    return chunk.dataset().getVersion() == ref.getVersion() && seen.add(chunk.chunkIndex());
  }

  /** The in-flight bound: the configured count, lowered so that big chunks fit the byte budget. */
  int inFlight(int recordBytes) {
    long byBytes = config.maxInFlightBytes() / Math.max(1, recordBytes);
    return (int) Math.max(2, Math.min(config.maxInFlight(), byBytes));
  }
}
