package io.trainyard.ingest.scan;

import io.trainyard.ingest.csv.BlockCutter;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvFormatException;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One block of a CSV file ({@link io.trainyard.ingest.csv.BlockCutter}) read on its own, on a
 * thread of its own, into what the first pass needs of it: per column the cells' numbers and ids in
 * a dictionary of the block's own, the counters, and where each new value first appears. {@link
 * ParallelScan} then merges the blocks in file order into the file's counters, dictionaries and
 * spool, mapping the block's ids to the file's, so that the result is the one reading the whole
 * file on one thread gives.
 *
 * <p>Lines are relative to the block (the block's first line is 1). A malformed record ends the
 * block: the rows before it are kept and {@link #errorLine} / {@link #errorReason} say what it is.
 *
 * <p>The merge ({@link ScanState#addBlock}) reads a block through its methods: the counters, a
 * column's ids or the labels mapped onto the file's dictionaries, the cells handed to the spool.
 * Its arrays stay its own, so that the next block can be parsed into them once this one is merged.
 */
final class ParsedBlock {

  /** The id of a missing cell (a non-missing cell past the dictionary's capacity is -1). */
  private static final int MISSING = -2;

  private byte[] bytes;
  private int length;
  private boolean fileStart;

  private int rows;

  /** Per row, the block-relative line on which it starts. */
  private int[] lines;

  /** Line breaks in the block: how far it moves the next block's line numbers. */
  private long lineBreaks;

  /** Per spooled column: the cells' numbers (NaN when missing or not a number). */
  private final double[][] numbers;

  /** Per spooled column: the cells' ids in {@link #dictionaries}, -1 or {@link #MISSING}. */
  private final int[][] ids;

  private final long[] numberCounts;
  private final long[] textCounts;
  private final long[] missingCounts;

  /** Per spooled column, the block's distinct values; null when the file's are already full. */
  private final ValueDictionary[] dictionaries;

  /** Per spooled column and value id, the row where the value first appears. */
  private final int[][] firstRows;

  /** Per spooled column, the row of the first value the block's dictionary refused, or -1. */
  private final int[] overflowRows;

  /** Per spooled column, that value. */
  private final String[] overflowValues;

  private ValueDictionary labels;
  private int[] labelIds;
  private int[] labelFirstRows;
  private int labelOverflowRow;
  private long unlabeled;

  private long errorLine;
  private String errorReason;

  /**
   * An empty block for {@code columns} spooled columns; {@link #parse} fills it, and fills it again
   * for a later block once this one is merged, so that the per-cell arrays are allocated once per
   * scan rather than once per block (a block's garbage would otherwise be several MiB).
   */
  ParsedBlock(int columns) {
    this.numbers = new double[columns][0];
    this.ids = new int[columns][0];
    this.lines = new int[0];
    this.labelIds = new int[0];
    this.numberCounts = new long[columns];
    this.textCounts = new long[columns];
    this.missingCounts = new long[columns];
    this.dictionaries = new ValueDictionary[columns];
    this.firstRows = new int[columns][];
    this.overflowRows = new int[columns];
    this.overflowValues = new String[columns];
  }

  private static final ThreadLocal<CharsetDecoder> DECODER =
      ThreadLocal.withInitial(
          () ->
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPLACE)
                  .onUnmappableCharacter(CodingErrorAction.REPLACE));

  /** Per parser thread, the text of its current block, kept for the next unless very large. */
  private static final ThreadLocal<char[][]> TEXT = ThreadLocal.withInitial(() -> new char[1][]);

  private static final int KEPT_TEXT = 1 << 20;

  /**
   * As {@link #decode}, into the parser thread's buffer: UTF-8 never gives more chars than bytes (a
   * malformed sequence is one U+FFFD).
   */
  private static CharBuffer decodeShared(byte[] bytes, int length) {
    char[][] held = TEXT.get();
    char[] text = held[0];
    if (text == null || text.length < length) {
      text = new char[Math.max(length, 16)];
      if (text.length <= KEPT_TEXT) {
        held[0] = text;
      }
    }
    CharBuffer out = CharBuffer.wrap(text);
    CharsetDecoder decoder = DECODER.get().reset();
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, length), out, true);
    if (result.isOverflow() || decoder.flush(out).isOverflow()) {
      throw new IllegalStateException("more chars than bytes");
    }
    out.flip();
    return out;
  }

  /**
   * The block's text, decoded as {@code InputStreamReader} decodes it (malformed bytes → U+FFFD).
   */
  static CharBuffer decode(byte[] bytes, int length) {
    return decode(bytes, 0, length);
  }

  /** As {@link #decode(byte[], int)}, for {@code length} bytes from {@code offset}. */
  static CharBuffer decode(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, offset, length));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("cannot happen with REPLACE", e);
    }
  }

  private static CsvReader reader(CharBuffer text, boolean fileStart) throws java.io.IOException {
    CsvReader reader = new CsvReader(text.array(), text.limit(), fileStart);
    if (fileStart) {
      reader.next(); // the header
    }
    return reader;
  }

  /**
   * Reads a block into this one (whatever it held before is dropped).
   *
   * @param width fields per record
   * @param labelIndex the label column, or -1
   * @param maxCategories the capacity of the dictionaries
   * @param full per spooled column, non-zero when the file's dictionary is already full, so the
   *     block need not build one
   */
  ParsedBlock parse(
      byte[] bytes,
      int length,
      boolean fileStart,
      int width,
      int labelIndex,
      int maxCategories,
      AtomicIntegerArray full)
      throws java.io.IOException {
    this.bytes = bytes;
    this.length = length;
    this.fileStart = fileStart;
    // Rows: at most the LFs and one more (more are grown into, for CR line breaks).
    int capacity = 1 + BlockCutter.count(bytes, 0, length, (byte) '\n');
    reset(capacity, labelIndex, maxCategories, full);
    // The file's first block holds the header (and maybe a byte order mark): the text path.
    if (!fileStart) {
      if (readBytes(bytes, length, width, labelIndex)) {
        return this;
      }
      reset(capacity, labelIndex, maxCategories, full);
    }
    try {
      read(reader(decodeShared(bytes, length), fileStart), width, labelIndex);
    } catch (CsvFormatException e) {
      errorLine = e.line();
      errorReason = e.reason();
    }
    return this;
  }

  /** Forgets what the block held: rows, counters, dictionaries, the error. */
  private void reset(int capacity, int labelIndex, int maxCategories, AtomicIntegerArray full) {
    rows = 0;
    lineBreaks = 0;
    errorLine = 0;
    errorReason = null;
    if (lines.length < capacity) {
      lines = new int[capacity];
    }
    for (int c = 0; c < numbers.length; c++) {
      if (numbers[c].length < capacity) {
        numbers[c] = new double[capacity];
        ids[c] = new int[capacity];
      }
      // No dictionary id until a cell gives one: the byte path then writes only the number.
      Arrays.fill(ids[c], 0, capacity, -1);
      numberCounts[c] = 0;
      textCounts[c] = 0;
      missingCounts[c] = 0;
      overflowRows[c] = -1;
      overflowValues[c] = null;
      dictionaries[c] = null;
      if (full.get(c) == 0) {
        dictionaries[c] = new ValueDictionary(maxCategories);
        firstRows[c] = new int[16];
      }
    }
    labels = null;
    recentLabelCount = 0;
    labelOverflowRow = -1;
    unlabeled = 0;
    if (labelIndex >= 0) {
      labels = new ValueDictionary(maxCategories);
      if (labelIds.length < capacity) {
        labelIds = new int[capacity];
      }
      labelFirstRows = new int[16];
    }
  }

  /** Per parser thread, a field's text for the cells the byte path hands to the text path. */
  private static final ThreadLocal<char[][]> FIELD = ThreadLocal.withInitial(() -> new char[1][]);

  /**
   * Reads a block without quotes straight from its bytes, without decoding it: a cell that is a
   * plain decimal whose column needs no dictionary any more is converted where it stands ({@link
   * Cells#plainField}, exactly as {@link Cells#parseNumber} converts it); any other cell (text,
   * blanks, missing tokens, exponents, long numbers, non-ASCII bytes, a column or label still
   * building its dictionary) is decoded alone and goes through the text path's per-cell code. Line
   * breaks and blank lines count as {@link CsvReader} counts them. Gives up, returning false with
   * the block half read, at a quote or a record of the wrong width: the caller then reads the whole
   * block as text, which gives the same result for everything else and the error for those.
   */
  private boolean readBytes(byte[] b, int length, int width, int labelIndex) {
    double[] plain = new double[1];
    int p = 0;
    int line = 1;
    while (true) {
      // Blank lines between records.
      while (p < length && (b[p] == '\n' || b[p] == '\r')) {
        if (b[p] == '\r' && p + 1 < length && b[p + 1] == '\n') {
          p++;
        }
        p++;
        line++;
      }
      if (p >= length) {
        break;
      }
      int r = rows;
      if (r == lines.length) {
        grow();
      }
      lines[r] = line;
      for (int i = 0, c = 0; ; i++) {
        if (i == width) {
          return false; // too many fields
        }
        int q = -1;
        if (i != labelIndex && (dictionaries[c] == null || overflowRows[c] >= 0)) {
          q = Cells.plainField(b, p, length, plain);
        }
        if (q >= 0) {
          numbers[c][r] = plain[0]; // its id stays -1, as reset() left it
          numberCounts[c]++;
        } else {
          q = p;
          byte ch;
          boolean ascii = true;
          while (q < length && (ch = b[q]) != ',' && ch != '\n' && ch != '\r') {
            if (ch == '"') {
              return false;
            }
            ascii &= ch >= 0;
            q++;
          }
          if (i != labelIndex || !knownLabel(b, p, q, r)) {
            textCell(b, p, q, ascii, i == labelIndex, i == labelIndex ? -1 : c, r);
            if (i == labelIndex) {
              rememberLabel(b, p, q, r);
            }
          }
        }
        if (i != labelIndex) {
          c++;
        }
        p = q;
        if (p < length && b[p] == ',') {
          p++;
          continue;
        }
        if (i != width - 1) {
          return false; // too few fields
        }
        if (p < length) {
          if (b[p] == '\r' && p + 1 < length && b[p + 1] == '\n') {
            p++;
          }
          p++;
          line++;
        }
        break;
      }
      rows++;
    }
    lineBreaks = line - 1;
    return true;
  }

  /**
   * The labels of the byte path seen last, as their raw bytes and the ids the text path gave them:
   * a label whose bytes are one of these has that id without being decoded again (most label
   * columns have a few classes, repeated on every row).
   */
  private final byte[][] recentLabels = new byte[RECENT_LABELS][];

  private final int[] recentLabelIds = new int[RECENT_LABELS];
  private int recentLabelCount;
  private static final int RECENT_LABELS = 4;

  /** Whether the label at [from, to) has bytes seen before; if so, row r takes its id. */
  private boolean knownLabel(byte[] b, int from, int to, int r) {
    if (labelOverflowRow >= 0) {
      return false;
    }
    for (int k = 0; k < recentLabelCount; k++) {
      byte[] known = recentLabels[k];
      if (Arrays.equals(b, from, to, known, 0, known.length)) {
        labelIds[r] = recentLabelIds[k];
        return true;
      }
    }
    return false;
  }

  /**
   * Remembers the bytes of the label just read at [from, to) with the id it got (a label the
   * dictionary took; not a missing one), in place of the oldest.
   */
  private void rememberLabel(byte[] b, int from, int to, int r) {
    int id = labelIds[r];
    if (id < 0 || labelOverflowRow >= 0) {
      return;
    }
    int k = recentLabelCount < RECENT_LABELS ? recentLabelCount++ : r % RECENT_LABELS;
    recentLabels[k] = Arrays.copyOfRange(b, from, to);
    recentLabelIds[k] = id;
  }

  /** A cell of the byte path that the text path's code handles: decoded alone, then as there. */
  private void textCell(byte[] b, int from, int to, boolean ascii, boolean isLabel, int c, int r) {
    char[][] held = FIELD.get();
    char[] text = held[0];
    int n = to - from;
    if (text == null || text.length < n) {
      text = held[0] = new char[Math.max(64, n)];
    }
    if (ascii) {
      for (int k = 0; k < n; k++) {
        text[k] = (char) b[from + k];
      }
    } else {
      CharBuffer decoded = decode(b, from, n);
      n = decoded.remaining();
      if (text.length < n) {
        text = held[0] = new char[n];
      }
      decoded.get(text, 0, n);
    }
    int start = Cells.trimStart(text, 0, n);
    int end = Cells.trimEnd(text, start, n);
    boolean missing = Cells.isMissing(text, start, end);
    if (isLabel) {
      label(r, text, start, end, missing);
    } else {
      cell(c, r, text, start, end, missing);
    }
  }

  private void read(CsvReader reader, int width, int labelIndex) throws java.io.IOException {
    while (reader.next()) {
      int line = (int) reader.line();
      if (reader.fieldCount() != width) {
        errorLine = line;
        errorReason = "expected " + width + " fields, found " + reader.fieldCount();
        return;
      }
      int r = rows;
      if (r == lines.length) {
        grow();
      }
      lines[r] = line;
      char[] text = reader.chars();
      for (int i = 0, c = 0; i < width; i++) {
        int from = Cells.trimStart(text, reader.start(i), reader.end(i));
        int to = Cells.trimEnd(text, from, reader.end(i));
        boolean missing = Cells.isMissing(text, from, to);
        if (i == labelIndex) {
          label(r, text, from, to, missing);
        } else {
          cell(c++, r, text, from, to, missing);
        }
      }
      rows++;
    }
    lineBreaks = reader.physicalLine() - 1;
  }

  private void label(int r, char[] text, int from, int to, boolean missing) {
    int id = -1;
    if (missing) {
      unlabeled++;
    } else if (labelOverflowRow < 0) {
      int before = labels.size();
      id = labels.add(text, from, to);
      if (id < 0) {
        labelOverflowRow = r;
      } else if (id == before) {
        labelFirstRows = firstRow(labelFirstRows, id, r);
      }
    }
    labelIds[r] = id;
  }

  /** As the single-threaded pass's per-cell work, with the block's own dictionary. */
  private void cell(int c, int r, char[] text, int from, int to, boolean missing) {
    if (missing) {
      missingCounts[c]++;
      numbers[c][r] = Double.NaN;
      ids[c][r] = MISSING;
      return;
    }
    double number = Cells.parseNumber(text, from, to);
    if (Double.isNaN(number)) {
      textCounts[c]++;
    } else {
      numberCounts[c]++;
    }
    numbers[c][r] = number;
    int id = -1;
    ValueDictionary d = dictionaries[c];
    if (d != null && overflowRows[c] < 0) {
      int before = d.size();
      id = d.add(text, from, to);
      if (id < 0) {
        overflowRows[c] = r;
        overflowValues[c] = new String(text, from, to - from);
      } else if (id == before) {
        firstRows[c] = firstRow(firstRows[c], id, r);
      }
    }
    ids[c][r] = id;
  }

  /** Rows read (before the malformed record, if one ended the block). */
  int rows() {
    return rows;
  }

  /** The block-relative line (the block's first is 1) on which row {@code row} starts. */
  int line(int row) {
    return lines[row];
  }

  /** Line breaks in the block: how far it moves the next block's line numbers. */
  long lineBreaks() {
    return lineBreaks;
  }

  /** Whether a malformed record ended the block. */
  boolean failed() {
    return errorReason != null;
  }

  /** The block-relative line of the malformed record (when {@link #failed()}). */
  long errorLine() {
    return errorLine;
  }

  /** What is wrong with it (when {@link #failed()}). */
  String errorReason() {
    return errorReason;
  }

  /** The block's bytes, for the cutter to fill again once the block is merged. */
  byte[] bytes() {
    return bytes;
  }

  /** Cells of spooled column {@code c} that are numbers. */
  long numberCount(int c) {
    return numberCounts[c];
  }

  /** Cells of spooled column {@code c} that are neither missing nor numbers. */
  long textCount(int c) {
    return textCounts[c];
  }

  /** Cells of spooled column {@code c} that are missing. */
  long missingCount(int c) {
    return missingCounts[c];
  }

  /** Rows whose label is missing. */
  long unlabeled() {
    return unlabeled;
  }

  /** The row of the {@code k}-th (1-based) cell of spooled column {@code c} that is text. */
  int textRow(int c, long k) {
    double[] columnNumbers = numbers[c];
    int[] columnIds = ids[c];
    for (int r = 0; r < rows; r++) {
      if (columnIds[r] != MISSING && Double.isNaN(columnNumbers[r]) && --k == 0) {
        return r;
      }
    }
    throw new IllegalStateException("the block has fewer text cells than it counted");
  }

  /**
   * The trimmed text of field {@code field} of row {@code row}, read again from the block's bytes
   * (rare: once per column at most).
   */
  String cellText(int row, int field) throws java.io.IOException {
    CsvReader reader = reader(decode(bytes, length), fileStart);
    for (int r = 0; r <= row; r++) {
      reader.next();
    }
    char[] text = reader.chars();
    int from = Cells.trimStart(text, reader.start(field), reader.end(field));
    int to = Cells.trimEnd(text, from, reader.end(field));
    return new String(text, from, to - from);
  }

  /**
   * Adds the distinct values of spooled column {@code c} to the file's dictionary of the column, in
   * the order the block first saw them, and turns the column's ids into ids of the file's. Returns
   * the first row whose value the file's dictionary refused (its ids, and those of every later row,
   * are then -1), or {@link #rows()} when it took them all.
   */
  int mapIds(int c, ValueDictionary file) {
    ValueDictionary local = dictionaries[c];
    int[] remap = new int[local.size()];
    int cut = rows;
    for (int j = 0; j < remap.length; j++) {
      remap[j] = file.add(local.value(j));
      if (remap[j] < 0) {
        cut = firstRows[c][j];
        break;
      }
    }
    if (cut == rows && overflowRows[c] >= 0) {
      // All the block's first values fitted, so the file's dictionary is full without this one.
      file.add(overflowValues[c]);
      cut = overflowRows[c];
    }
    int[] columnIds = ids[c];
    for (int r = 0; r < rows; r++) {
      int id = columnIds[r];
      columnIds[r] = id >= 0 && r < cut ? remap[id] : -1;
    }
    return cut;
  }

  /** Drops the ids of spooled column {@code c}: the file's dictionary of it is already full. */
  void dropIds(int c) {
    Arrays.fill(ids[c], 0, rows, -1);
  }

  /**
   * Adds the block's labels to the file's label dictionary, in the order the block first saw them,
   * and writes each row's label as an id of the file's (-1 when missing) into {@code dest} from
   * {@code at}. Returns -1, or the first row whose label the file's dictionary refused (nothing is
   * written then).
   */
  int labelsInto(ValueDictionary file, int[] dest, int at) {
    int[] remap = new int[labels.size()];
    for (int j = 0; j < remap.length; j++) {
      remap[j] = file.add(labels.value(j));
      if (remap[j] < 0) {
        return labelFirstRows[j];
      }
    }
    if (labelOverflowRow >= 0) {
      // All the block's first values fitted, so the file's dictionary is full without this one.
      return labelOverflowRow;
    }
    int[] rowIds = labelIds;
    for (int r = 0; r < rows; r++) {
      int id = rowIds[r];
      dest[at + r] = id < 0 ? -1 : remap[id];
    }
    return -1;
  }

  /** Appends the block's rows to the spool: per column the numbers and (mapped) ids. */
  void spoolInto(ChunkSpool spool) {
    spool.appendRows(numbers, ids, rows);
  }

  private static int[] firstRow(int[] rows, int id, int r) {
    if (id == rows.length) {
      rows = Arrays.copyOf(rows, id * 2);
    }
    rows[id] = r;
    return rows;
  }

  private void grow() {
    int n = lines.length * 2;
    lines = Arrays.copyOf(lines, n);
    for (int c = 0; c < numbers.length; c++) {
      numbers[c] = Arrays.copyOf(numbers[c], n);
      int old = ids[c].length;
      ids[c] = Arrays.copyOf(ids[c], n);
      Arrays.fill(ids[c], old, n, -1);
    }
    if (labelIds != null) {
      labelIds = Arrays.copyOf(labelIds, n);
    }
  }
}
