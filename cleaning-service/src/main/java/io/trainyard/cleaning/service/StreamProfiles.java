package io.trainyard.cleaning.service;

import io.trainyard.cleaning.ChunkMemory;
import io.trainyard.cleaning.KeptChunks;
import io.trainyard.cleaning.Profiler;
import io.trainyard.cleaning.StreamProfile;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.toolkit.storage.VersionDocuments;
import io.trainyard.toolkit.wire.ChunkView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pass 1 as the raw chunks stream in: one {@link StreamProfile} per data set version being
 * published, fed by the subscribed chunk consumer, taken by {@link CleaningService} when
 * DatasetSealed comes (after waiting for the stream to catch up), so that only pass 2 replays the
 * log.
 *
 * <p>Bounded: at most {@code stream.max-open} profiles and {@code stream.max-bytes} of estimated
 * heap at once (a version that does not fit is not streamed), a profile idle for {@code
 * stream.idle} is dropped (its data set was never sealed), and a profile leaves as soon as its
 * DatasetSealed was handled. Whatever is not complete when DatasetSealed comes is replayed instead,
 * so the stream only ever saves work.
 *
 * <p>A profile also keeps the bytes of the chunks it folds ({@link KeptChunks}, outside the heap,
 * at most {@code stream.cache-bytes} for all versions together), so that pass 2 reads them from
 * memory rather than making the broker read every raw byte a second time. A version whose chunks do
 * not fit drops what it kept and replays pass 2; its pass 1 still comes from the stream.
 */
@ApplicationScoped
public class StreamProfiles {

  private static final Logger LOG = Logger.getLogger(StreamProfiles.class);

  /** Versions handled lately: their late or re-delivered chunks start no new profile. */
  private static final int DONE_MEMORY = 4096;

  private final CleaningConfig config;
  private final CleaningMetrics metrics;
  private final Map<String, Entry> open = new LinkedHashMap<>();
  private final Map<String, Boolean> done =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > DONE_MEMORY;
        }
      };
  private long bytes;

  /** Where raw chunks are kept for pass 2, open profiles and handed-over ones together. */
  private final ChunkMemory memory;

  @Inject
  public StreamProfiles(CleaningConfig config, CleaningMetrics metrics) {
    this(config, metrics, new ChunkMemory(config.stream().cacheBytes()));
  }

  /**
   * As {@link #StreamProfiles(CleaningConfig, CleaningMetrics)}, keeping chunks in {@code memory}.
   */
  StreamProfiles(CleaningConfig config, CleaningMetrics metrics, ChunkMemory memory) {
    this.config = config;
    this.metrics = metrics;
    this.memory = memory;
  }

  private static final class Entry {
    final StreamProfile profile;
    final long bytes;
    volatile long touched = System.nanoTime();

    Entry(StreamProfile profile, long bytes) {
      this.profile = profile;
      this.bytes = bytes;
    }
  }

  /**
   * What the stream gives DatasetSealed: the complete pass-1 statistics, and the bytes of every
   * chunk in the order a replay reads them (each chunk index once), or null when they were not
   * kept. {@link #release} once pass 2 is done with them.
   */
  public record Streamed(Profiler profiler, KeptChunks chunks) {}

  static String key(DatasetRef ref) {
    return VersionDocuments.key(ref);
  }

  /** Folds a raw chunk into its version's profile (starting one for a new version). */
  public void accept(ChunkView chunk) {
    DatasetRef ref = chunk.dataset();
    if (!config.stream().enabled() || ref.getDatasetId().isEmpty() || ref.getVersion() <= 0) {
      return;
    }
    String key = key(ref);
    Entry entry;
    synchronized (this) {
      if (done.containsKey(key)) {
        return;
      }
      entry = open.get(key);
      if (entry == null) {
        entry = startLocked(key, chunk);
        if (entry == null) {
          return;
        }
      }
    }
    boolean folded;
    synchronized (entry) {
      folded = entry.profile.accept(chunk);
      if (folded
          && entry.profile.keeping()
          && !entry.profile.keep(chunk.bytes(), chunk.from(), chunk.length())) {
        LOG.infof(
            "%s: raw chunks past stream.cache-bytes (%d bytes); pass 2 will replay",
            key, config.stream().cacheBytes());
      }
    }
    entry.touched = System.nanoTime();
    if (folded) {
      metrics.streamedChunk();
    } else if (entry.profile.broken() != null) {
      LOG.warnf("%s: stream profile broken (%s); pass 1 will replay", key, entry.profile.broken());
    }
    synchronized (this) {
      notifyAll();
    }
  }

  private Entry startLocked(String key, ChunkView chunk) {
    long now = System.nanoTime();
    long idle = config.stream().idle().toNanos();
    for (Iterator<Map.Entry<String, Entry>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      if (now - e.getValue().touched > idle) {
        LOG.infof("%s: stream profile idle, dropped", e.getKey());
        bytes -= e.getValue().bytes;
        dropKept(e.getValue());
        it.remove();
      }
    }
    long need =
        StreamProfile.estimatedBytes(
            chunk, config.exactQuantileLimit(), config.tdigestCompression());
    if (open.size() >= config.stream().maxOpen() || bytes + need > config.stream().maxBytes()) {
      LOG.infof(
          "%s: not streamed (%d profiles, %d of %d bytes open); pass 1 will replay",
          key, open.size(), bytes, config.stream().maxBytes());
      done.put(key, Boolean.TRUE);
      return null;
    }
    StreamProfile profile =
        StreamProfile.start(chunk, config.exactQuantileLimit(), config.tdigestCompression());
    if (config.stream().cacheBytes() > 0) {
      profile.keepIn(new KeptChunks(memory));
    }
    Entry entry = new Entry(profile, need);
    open.put(key, entry);
    bytes += need;
    return entry;
  }

  /**
   * The complete pass-1 statistics of {@code sealed}'s version, once the stream has seen every
   * chunk it counts; empty (and the profile dropped) when there is no profile after {@code
   * stream.grace}, when it makes no progress for {@code stream.stall}, or when it cannot be used.
   * Either way later chunks of this version start no profile.
   */
  public Optional<Streamed> take(DatasetSealed sealed) {
    String key = key(sealed.getDataset());
    long started = System.nanoTime();
    long grace = config.stream().grace().toNanos();
    long stall = config.stream().stall().toNanos();
    synchronized (this) {
      try {
        while (true) {
          Entry entry = open.get(key);
          long now = System.nanoTime();
          if (entry == null) {
            if (done.containsKey(key) || now - started >= grace) {
              finishLocked(key, null);
              return Optional.empty();
            }
          } else {
            String gap;
            Streamed streamed = null;
            synchronized (entry) {
              gap = entry.profile.gap(sealed);
              if (gap == null) {
                streamed = new Streamed(entry.profile.profiler(), entry.profile.takeKept());
              }
            }
            if (streamed != null) {
              finishLocked(key, entry);
              return Optional.of(streamed);
            }
            if (entry.profile.broken() != null || now - entry.touched >= stall) {
              LOG.infof("%s: stream profile incomplete (%s); pass 1 will replay", key, gap);
              finishLocked(key, entry);
              return Optional.empty();
            }
          }
          wait(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finishLocked(key, open.get(key));
        return Optional.empty();
      }
    }
  }

  /** Drops the profile of a version that needs none (e.g. one profiled already). */
  public synchronized void discard(DatasetRef ref) {
    String key = key(ref);
    finishLocked(key, open.get(key));
  }

  private void finishLocked(String key, Entry entry) {
    if (entry != null && open.remove(key) != null) {
      bytes -= entry.bytes;
      dropKept(entry);
    }
    done.put(key, Boolean.TRUE);
  }

  private void dropKept(Entry entry) {
    synchronized (entry) {
      entry.profile.dropKept();
    }
  }

  /** Gives back the memory of the chunks handed over by {@link #take}, once pass 2 is done. */
  public void release(Streamed streamed) {
    if (streamed.chunks() != null) {
      streamed.chunks().release();
    }
  }

  /** Bytes of memory holding raw chunks for pass 2 now (whole blocks). */
  public long keptBytes() {
    return memory.inUseBytes();
  }

  /** Profiles open now. */
  public synchronized int openProfiles() {
    return open.size();
  }
}
