package io.trainyard.ingest.scan;

import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.ingest.csv.BlockCutter;
import io.trainyard.ingest.csv.CsvFormatException;
import io.trainyard.ingest.csv.CsvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The first pass on several cores: the calling thread cuts the CSV bytes into blocks at line breaks
 * outside quoted fields ({@link BlockCutter}), parser threads decode and parse the blocks ({@link
 * ParsedBlock}: tokenizing, number parsing, per-block dictionaries), and the calling thread merges
 * the parsed blocks in file order into the file's counters, dictionaries and spool. The Scan, the
 * spool and every refusal (the first bad line in file order, with its line number) are those of
 * {@link DatasetScanner} reading the file on one thread; only the work is spread.
 *
 * <p>The parser threads are a {@link ParsePool}'s: the service's, shared by the uploads in
 * progress, or, for a scan given none, a pool of one thread per core started for the scan and
 * stopped at its end.
 *
 * <p>The calling thread is the one that can hold the others back, so with this class's logger at
 * DEBUG each scan logs where its time went: reading and cutting, waiting on parsers, merging.
 *
 * <p>Memory: at most {@code window} blocks in flight, each its bytes, its text and per cell 12
 * bytes, about 1.2 MiB for a 256 KiB block of numbers; blocks of 256 KiB rather than MiBs keep a
 * parser thread's working set near its core's cache.
 */
public final class ParallelScan {

  static final int BLOCK_BYTES = 256 << 10;

  private final int maxCategories;
  private final int blockBytes;

  /** Most blocks in flight; 0: two more than the pool has threads. */
  private final int window;

  /** The parser threads; null: a pool of the scan's own. */
  private final ParsePool parsers;

  private ParsePool pool;

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ParallelScan.class);

  /** Where the calling thread's time went: reading and cutting, waiting on parsers, merging. */
  private long cutNanos;

  private long waitNanos;
  private long mergeNanos;
  private int blocks;

  private ScanState state;

  /**
   * Per spooled column, non-zero once the file's dictionary of it is full: parser threads then
   * build no dictionary of their own for it.
   */
  private AtomicIntegerArray full;

  /** The file line of the next block's first line. */
  private long lineOffset = 1;

  private BlockCutter cutter;

  /** Merged blocks, whose arrays the next blocks are parsed into. */
  private final ArrayDeque<ParsedBlock> spare = new ArrayDeque<>();

  /** A scan that parses on the threads of {@code parsers}. */
  public ParallelScan(int maxCategories, ParsePool parsers) {
    this(maxCategories, BLOCK_BYTES, 0, parsers);
  }

  /** A scan that parses on a pool of its own, one thread per core, stopped at the end. */
  public ParallelScan(int maxCategories) {
    this(maxCategories, BLOCK_BYTES, 0, null);
  }

  /**
   * As {@link #ParallelScan(int)}, with given block size and most blocks in flight (small blocks
   * exercise cuts in tests).
   */
  public ParallelScan(int maxCategories, int blockBytes, int window) {
    this(maxCategories, blockBytes, Math.max(1, window), null);
  }

  ParallelScan(int maxCategories, int blockBytes, int window, ParsePool parsers) {
    this.maxCategories = maxCategories;
    this.blockBytes = blockBytes;
    this.window = window;
    this.parsers = parsers;
  }

  /** Scans UTF-8 CSV bytes, keeping every cell in {@code spool}. */
  public Scan scan(InputStream csv, PipelineSpec spec, ChunkSpool spool) throws IOException {
    if (parsers != null) {
      pool = parsers;
      return doScan(csv, spec, spool);
    }
    try (ParsePool own = ParsePool.perCore()) {
      pool = own;
      return doScan(csv, spec, spool);
    }
  }

  private Scan doScan(InputStream csv, PipelineSpec spec, ChunkSpool spool) throws IOException {
    cutter = new BlockCutter(csv, blockBytes);
    BlockCutter.Block first = cutter.next();
    if (first == null) {
      throw new InvalidDataException(1, "the file is empty; expected a header row");
    }
    CharBuffer text = ParsedBlock.decode(first.bytes(), first.length());
    CsvReader header = new CsvReader(text.array(), text.limit(), true);
    try {
      if (!header.next()) {
        // Nothing but blank lines in a whole block: rare enough to read on one thread.
        InputStream all =
            new SequenceInputStream(
                new ByteArrayInputStream(first.bytes(), 0, first.length()), cutter.rest());
        return new DatasetScanner(maxCategories)
            .scan(new InputStreamReader(all, StandardCharsets.UTF_8), spec, spool);
      }
    } catch (CsvFormatException e) {
      throw new InvalidDataException(e.line(), e.reason());
    }
    state = new ScanState(header, spec, spool, maxCategories);
    full = new AtomicIntegerArray(state.spooledColumns());

    int inFlightBlocks = window > 0 ? window : pool.threads() + 2;
    ArrayDeque<Future<ParsedBlock>> inFlight = new ArrayDeque<>();
    long started = System.nanoTime();
    try {
      inFlight.add(submit(first, true));
      while (true) {
        long t = System.nanoTime();
        BlockCutter.Block b = cutter.next();
        cutNanos += System.nanoTime() - t;
        if (b == null) {
          break;
        }
        while (inFlight.size() >= inFlightBlocks) {
          merge(get(inFlight.poll()));
        }
        inFlight.add(submit(b, false));
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
          merge(get(inFlight.poll()));
        }
      }
      while (!inFlight.isEmpty()) {
        merge(get(inFlight.poll()));
      }
      LOG.debugf(
          "scanned %d blocks in %d ms on %d parser threads: the caller read and cut for %d ms,"
              + " waited on parsers %d ms, merged %d ms",
          blocks,
          (System.nanoTime() - started) / 1_000_000,
          pool.threads(),
          cutNanos / 1_000_000,
          waitNanos / 1_000_000,
          mergeNanos / 1_000_000);
    } finally {
      for (Future<ParsedBlock> f : inFlight) {
        f.cancel(false);
      }
    }
    return state.finish();
  }

  private Future<ParsedBlock> submit(BlockCutter.Block b, boolean fileStart) {
    int width = state.width();
    int labelIndex = state.labelIndex();
    ParsedBlock target = spare.isEmpty() ? new ParsedBlock(state.spooledColumns()) : spare.pop();
    return pool.submit(
        () ->
            target.parse(b.bytes(), b.length(), fileStart, width, labelIndex, maxCategories, full));
  }

  private ParsedBlock get(Future<ParsedBlock> f) throws IOException {
    long t = System.nanoTime();
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while parsing the upload", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new UncheckedIOException(new IOException(cause));
    } finally {
      waitNanos += System.nanoTime() - t;
    }
  }

  /** Adds the next block, in file order, as the single-threaded pass adds its rows. */
  private void merge(ParsedBlock b) throws IOException {
    long t = System.nanoTime();
    try {
      state.addBlock(b, lineOffset);
      for (int c = 0; c < full.length(); c++) {
        if (full.get(c) == 0 && state.dictionaryFull(c)) {
          full.set(c, 1);
        }
      }
      lineOffset += b.lineBreaks();
      cutter.recycle(b.bytes());
      spare.push(b);
    } finally {
      mergeNanos += System.nanoTime() - t;
      blocks++;
    }
  }
}
