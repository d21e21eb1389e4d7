package io.trainyard.cleaning;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.HashSet;
import java.util.Set;

/**
 * Pass 1 of one data set version fed as its raw chunks are published, before DatasetSealed: the
 * training statistics of every chunk seen (each chunk index once) and what it takes to tell, when
 * DatasetSealed comes, whether every chunk was seen. The statistics are those of the replayed pass
 * 1 (same chunks, same order, same code), so the plan does not depend on which way it was fed.
 *
 * <p>Not thread-safe; the caller serializes access.
 */
public final class StreamProfile {

  /** Quantile sketches bin values within this many standard deviations of the first values... */
  public static final double BIN_SIGMAS = 8;

  /** ...into this many bins (a bin is 1/512 of a standard deviation wide). */
  public static final int BINS = 8192;

  private final DatasetRef ref;
  private final Profiler profiler;
  private final Set<Long> chunks = new HashSet<>();
  private long rows;
  private String broken;

  /**
   * The bytes of the chunks folded, in the order folded, kept for pass 2 while there is room; null
   * when not kept.
   */
  private KeptChunks kept;

  private StreamProfile(DatasetRef ref, Profiler profiler) {
    this.ref = ref;
    this.profiler = profiler;
  }

  /** Starts the profile of the data set version of {@code first}, with its columns. */
  public static StreamProfile start(ChunkView first, int exactLimit, double compression) {
    Profiler profiler = Profiler.forColumnsOf(first, exactLimit, compression);
    profiler.autoBin(BIN_SIGMAS, BINS);
    return new StreamProfile(first.dataset(), profiler);
  }

  /** A profiler that folds everything in one pass, as the stream does, for a replayed pass 1. */
  public static Profiler replayProfiler(
      io.trainyard.contracts.events.v1.DatasetSchema schema, int exactLimit, double compression) {
    Profiler profiler = new Profiler(schema, exactLimit, compression);
    profiler.autoBin(BIN_SIGMAS, BINS);
    return profiler;
  }

  /**
   * Heap a profile of a chunk's columns may take at most: per numeric column the exact values, the
   * bins and a digest; per categorical column a few value counts.
   */
  public static long estimatedBytes(ChunkView chunk, int exactLimit, double compression) {
    long numeric = 8L * exactLimit + 4L * BINS + (long) (compression * 60) + 512;
    return chunk.numericCount() * numeric + chunk.categoricalCount() * 64L * 1024 + 4096;
  }

  public DatasetRef ref() {
    return ref;
  }

  /**
   * Folds one raw chunk of this version in, unless its index was seen before.
   *
   * @return false for a chunk index seen before, or once the profile is broken
   */
  public boolean accept(ChunkView chunk) {
    if (broken != null || !chunks.add(chunk.chunkIndex())) {
      return false;
    }
    try {
      profiler.accept(chunk);
      rows += chunk.rows();
      return true;
    } catch (RuntimeException e) {
      broken = "chunk " + chunk.chunkIndex() + ": " + e.getMessage();
      return false;
    }
  }

  /** Keeps the bytes of the chunks folded from now on in {@code chunks} (before the first). */
  public void keepIn(KeptChunks chunks) {
    this.kept = chunks;
  }

  /** Whether the bytes of every chunk folded so far are kept. */
  public boolean keeping() {
    return kept != null;
  }

  /**
   * Keeps the bytes of the chunk just folded (in folding order); when there is no room, drops those
   * kept and keeps no more.
   *
   * @return whether it was kept
   */
  public boolean keep(byte[] bytes) {
    return keep(bytes, 0, bytes.length);
  }

  /** As {@link #keep(byte[])}, for a chunk that lies in {@code bytes} at [from, from + length). */
  public boolean keep(byte[] bytes, int from, int length) {
    if (kept == null) {
      return false;
    }
    if (!kept.add(bytes, from, length)) {
      dropKept();
      return false;
    }
    return true;
  }

  /** Stops keeping chunks and gives back the memory of those kept. */
  public void dropKept() {
    if (kept != null) {
      kept.release();
      kept = null;
    }
  }

  /**
   * The bytes of every chunk folded, in the order folded (each chunk index once, as a replay reads
   * them), or null when they were not all kept. Hands them over (the caller releases them): the
   * profile keeps nothing after.
   */
  public KeptChunks takeKept() {
    KeptChunks all = kept;
    kept = null;
    return all;
  }

  /** Chunks folded in. */
  public long chunks() {
    return chunks.size();
  }

  /** Rows folded in, all splits. */
  public long rows() {
    return rows;
  }

  /** Why the profile cannot be used (a chunk it could not fold), or null. */
  public String broken() {
    return broken;
  }

  /**
   * What the profile lacks to stand for the whole data set {@code sealed} describes, or null when
   * it has every chunk (chunk indexes 0 .. chunk_count - 1, row_count rows) with the schema's
   * columns.
   */
  public String gap(DatasetSealed sealed) {
    if (broken != null) {
      return broken;
    }
    if (!profiler.hasColumnsOf(sealed.getSchema())) {
      return "the chunks' columns are not the schema's";
    }
    long expected = sealed.getChunkCount();
    if (chunks.size() != expected || rows != sealed.getRowCount()) {
      return "seen "
          + chunks.size()
          + " of "
          + expected
          + " chunks, "
          + rows
          + " of "
          + sealed.getRowCount()
          + " rows";
    }
    for (long i = 0; i < expected; i++) {
      if (!chunks.contains(i)) {
        return "chunk " + i + " not seen";
      }
    }
    return null;
  }

  /** The statistics (complete once {@link #gap} is null). */
  public Profiler profiler() {
    return profiler;
  }
}
