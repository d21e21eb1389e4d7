package io.trainyard.ingest.scan;

import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.ingest.csv.BlockCutter;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvFormatException;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The first pass on several cores: the calling thread cuts the CSV bytes into blocks at line breaks
 * outside quoted fields ({@link BlockCutter}), parser threads decode and parse the blocks ({@link
 * ParsedBlock}: tokenizing, number parsing, per-block dictionaries), and the calling thread merges
 * the parsed blocks in file order into the file's counters, dictionaries and spool. The Scan, the
 * spool and every refusal (the first bad line in file order, with its line number) are those of
 * {@link DatasetScanner} reading the file on one thread; only the work is spread.
 *
 * <p>Memory: at most {@code window} blocks in flight, each its bytes, its text and per cell 12
 * bytes, about 1.2 MiB for a 256 KiB block of numbers; blocks of 256 KiB rather than MiBs keep a
 * parser thread's working set near its core's cache (measured: faster than 1 MiB).
 */
public final class ParallelScan {

  static final int BLOCK_BYTES = 256 << 10;

  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, daemons());

  private final int maxCategories;
  private final int blockBytes;
  private final int window;

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ParallelScan.class);

  /** Where the calling thread's time went: reading and cutting, waiting on parsers, merging. */
  private long cutNanos;

  private long waitNanos;
  private long mergeNanos;
  private int blocks;

  private ScanState state;
  private AtomicIntegerArray full;
  private int[] fileColumn;
  private long lineOffset = 1;
  private BlockCutter cutter;

  /** Merged blocks, whose arrays the next blocks are parsed into. */
  private final ArrayDeque<ParsedBlock> spare = new ArrayDeque<>();

  public ParallelScan(int maxCategories) {
    this(maxCategories, BLOCK_BYTES, THREADS + 2);
  }

  /** With given block size and most blocks in flight (small blocks exercise cuts in tests). */
  public ParallelScan(int maxCategories, int blockBytes, int window) {
    this.maxCategories = maxCategories;
    this.blockBytes = blockBytes;
    this.window = Math.max(1, window);
  }

  public Scan scan(InputStream csv, PipelineSpec spec, ChunkSpool spool) throws IOException {
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
    int columns = state.width - (state.labelIndex >= 0 ? 1 : 0);
    full = new AtomicIntegerArray(columns);
    fileColumn = new int[columns];
    for (int i = 0; i < state.width; i++) {
      if (state.spooled[i] >= 0) {
        fileColumn[state.spooled[i]] = i;
      }
    }

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
        while (inFlight.size() >= window) {
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
          THREADS,
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
    int width = state.width;
    int labelIndex = state.labelIndex;
    ParsedBlock target = spare.isEmpty() ? new ParsedBlock(fileColumn.length) : spare.pop();
    return POOL.submit(
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

  private long line(ParsedBlock b, int row) {
    return lineOffset + b.lines[row] - 1;
  }

  /** Adds the next block, in file order, as the single-threaded pass adds its rows. */
  private void merge(ParsedBlock b) throws IOException {
    long t = System.nanoTime();
    try {
      mergeBlock(b);
    } finally {
      mergeNanos += System.nanoTime() - t;
      blocks++;
    }
  }

  private void mergeBlock(ParsedBlock b) throws IOException {
    int n = b.rows;
    // The first refusal in the rows: too many rows, or a label past the dictionary's capacity.
    int tooMany = Integer.MAX_VALUE - 8 - state.rows;
    mergeLabels(b, tooMany);
    if (tooMany < n) {
      state.checkRows(state.rows + tooMany, line(b, tooMany));
    }
    for (int c = 0; c < fileColumn.length; c++) {
      mergeColumn(b, c);
    }
    if (state.spool != null) {
      state.spool.appendRows(b.numbers, b.ids, n);
    }
    state.rows += n;
    if (b.errorReason != null) {
      throw new InvalidDataException(lineOffset + b.errorLine - 1, b.errorReason);
    }
    lineOffset += b.lineBreaks;
    cutter.recycle(b.bytes);
    spare.push(b);
  }

  /**
   * The block's labels, as ids of the file's label dictionary, after the file's rows; refuses the
   * first label past its capacity unless too many rows ({@code tooMany}, the first row past the
   * limit) come first.
   */
  private void mergeLabels(ParsedBlock b, int tooMany) {
    if (state.labels == null) {
      return;
    }
    ValueDictionary local = b.labels;
    int[] remap = new int[local.size()];
    int refused = -1;
    for (int j = 0; j < remap.length; j++) {
      remap[j] = state.labels.add(local.value(j));
      if (remap[j] < 0) {
        refused = b.labelFirstRows[j];
        break;
      }
    }
    if (refused < 0 && b.labelOverflowRow >= 0) {
      // All the block's first values fitted, so the file's dictionary is full without this one.
      refused = b.labelOverflowRow;
    }
    if (refused >= 0 && refused < b.rows && refused < tooMany) {
      throw state.tooManyLabels(line(b, refused));
    }
    int n = b.rows;
    int at = state.rows;
    if (at + n > state.rowLabels.length) {
      state.rowLabels =
          Arrays.copyOf(
              state.rowLabels,
              (int)
                  Math.min(
                      Integer.MAX_VALUE - 8, Math.max(2L * state.rowLabels.length, (long) at + n)));
    }
    int[] rowLabels = state.rowLabels;
    int[] labelIds = b.labelIds;
    for (int r = 0; r < n; r++) {
      int id = labelIds[r];
      rowLabels[at + r] = id < 0 ? -1 : remap[id];
    }
    state.unlabeled += b.unlabeled;
  }

  /** Counters, the value past the allowance, the dictionary and the spooled ids of one column. */
  private void mergeColumn(ParsedBlock b, int c) throws IOException {
    int i = fileColumn[c];
    ScanState.ColumnStats s = state.stats[i];
    long need = state.allowance + 1 - s.texts;
    if (need >= 1 && need <= b.textCounts[c]) {
      int row = nthText(b, c, need);
      s.invalidLine = line(b, row);
      s.invalidValue = cellText(b, row, i);
    }
    s.texts += b.textCounts[c];
    s.numbers += b.numberCounts[c];
    s.missing += b.missingCounts[c];

    int[] ids = b.ids[c];
    int n = b.rows;
    if (s.distinct.overflowed()) {
      Arrays.fill(ids, 0, n, -1);
      return;
    }
    ValueDictionary local = b.dictionaries[c];
    int[] remap = new int[local.size()];
    int cut = n; // from this row on, ids are -1: the file's dictionary is full
    for (int j = 0; j < remap.length; j++) {
      remap[j] = s.distinct.add(local.value(j));
      if (remap[j] < 0) {
        cut = b.firstRows[c][j];
        break;
      }
    }
    if (cut == n && b.overflowRows[c] >= 0) {
      // All the block's first values fitted, so the file's dictionary is full without this one.
      s.distinct.add(b.overflowValues[c]);
      cut = b.overflowRows[c];
    }
    if (cut < n) {
      s.overflowLine = line(b, cut);
      full.set(c, 1);
    }
    for (int r = 0; r < n; r++) {
      int id = ids[r];
      ids[r] = id >= 0 && r < cut ? remap[id] : -1;
    }
  }

  /** The row of the {@code k}-th (1-based) non-missing, non-numeric cell of column {@code c}. */
  private static int nthText(ParsedBlock b, int c, long k) {
    double[] numbers = b.numbers[c];
    int[] ids = b.ids[c];
    for (int r = 0; r < b.rows; r++) {
      if (ids[r] != ParsedBlock.MISSING && Double.isNaN(numbers[r]) && --k == 0) {
        return r;
      }
    }
    throw new IllegalStateException("the block has fewer text cells than it counted");
  }

  /** The trimmed text of a cell, read again from the block (rare: once per column at most). */
  private static String cellText(ParsedBlock b, int row, int field) throws IOException {
    CsvReader reader = ParsedBlock.reader(b.bytes, b.length, b.fileStart);
    for (int r = 0; r <= row; r++) {
      reader.next();
    }
    char[] text = reader.chars();
    int from = Cells.trimStart(text, reader.start(field), reader.end(field));
    int to = Cells.trimEnd(text, from, reader.end(field));
    return new String(text, from, to - from);
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "ingest-parse-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
