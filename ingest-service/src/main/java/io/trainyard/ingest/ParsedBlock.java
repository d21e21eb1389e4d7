package io.trainyard.ingest;

import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvFormatException;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.csv.ValueDictionary;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
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
 */
final class ParsedBlock {

  /** The id of a missing cell (a non-missing cell past the dictionary's capacity is -1). */
  static final int MISSING = -2;

  final byte[] bytes;
  final int length;
  final boolean fileStart;

  int rows;

  /** Per row, the block-relative line on which it starts. */
  int[] lines;

  /** Line breaks in the block: how far it moves the next block's line numbers. */
  long lineBreaks;

  /** Per spooled column: the cells' numbers (NaN when missing or not a number). */
  final double[][] numbers;

  /** Per spooled column: the cells' ids in {@link #dictionaries}, -1 or {@link #MISSING}. */
  final int[][] ids;

  final long[] numberCounts;
  final long[] textCounts;
  final long[] missingCounts;

  /** Per spooled column, the block's distinct values; null when the file's are already full. */
  final ValueDictionary[] dictionaries;

  /** Per spooled column and value id, the row where the value first appears. */
  final int[][] firstRows;

  /** Per spooled column, the row of the first value the block's dictionary refused, or -1. */
  final int[] overflowRows;

  /** Per spooled column, that value. */
  final String[] overflowValues;

  ValueDictionary labels;
  int[] labelIds;
  int[] labelFirstRows;
  int labelOverflowRow = -1;
  String labelOverflowValue;
  long unlabeled;

  long errorLine;
  String errorReason;

  private ParsedBlock(byte[] bytes, int length, boolean fileStart, int columns) {
    this.bytes = bytes;
    this.length = length;
    this.fileStart = fileStart;
    this.numbers = new double[columns][];
    this.ids = new int[columns][];
    this.numberCounts = new long[columns];
    this.textCounts = new long[columns];
    this.missingCounts = new long[columns];
    this.dictionaries = new ValueDictionary[columns];
    this.firstRows = new int[columns][];
    this.overflowRows = new int[columns];
    this.overflowValues = new String[columns];
  }

  /**
   * The block's text, decoded as {@code InputStreamReader} decodes it (malformed bytes → U+FFFD).
   */
  static CharBuffer decode(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, 0, length));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("cannot happen with REPLACE", e);
    }
  }

  /** A reader over the block's records (after the header in the file's first block). */
  static CsvReader reader(byte[] bytes, int length, boolean fileStart) throws java.io.IOException {
    CharBuffer text = decode(bytes, length);
    CsvReader reader = new CsvReader(text.array(), text.limit(), fileStart);
    if (fileStart) {
      reader.next(); // the header
    }
    return reader;
  }

  /**
   * Reads a block.
   *
   * @param width fields per record
   * @param labelIndex the label column, or -1
   * @param maxCategories the capacity of the dictionaries
   * @param full per spooled column, non-zero when the file's dictionary is already full, so the
   *     block need not build one
   */
  static ParsedBlock parse(
      byte[] bytes,
      int length,
      boolean fileStart,
      int width,
      int labelIndex,
      int maxCategories,
      AtomicIntegerArray full)
      throws java.io.IOException {
    int columns = width - (labelIndex >= 0 ? 1 : 0);
    ParsedBlock b = new ParsedBlock(bytes, length, fileStart, columns);
    // Rows: at most the LFs and one more (more are grown into, for CR line breaks).
    int capacity = 1;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        capacity++;
      }
    }
    b.lines = new int[capacity];
    for (int c = 0; c < columns; c++) {
      b.numbers[c] = new double[capacity];
      b.ids[c] = new int[capacity];
      b.overflowRows[c] = -1;
      if (full.get(c) == 0) {
        b.dictionaries[c] = new ValueDictionary(maxCategories);
        b.firstRows[c] = new int[16];
      }
    }
    if (labelIndex >= 0) {
      b.labels = new ValueDictionary(maxCategories);
      b.labelIds = new int[capacity];
      b.labelFirstRows = new int[16];
    }
    CsvReader reader;
    try {
      reader = reader(bytes, length, fileStart);
      b.read(reader, width, labelIndex);
    } catch (CsvFormatException e) {
      b.errorLine = e.line();
      b.errorReason = e.reason();
    }
    return b;
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
        labelOverflowValue = new String(text, from, to - from);
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
      ids[c] = Arrays.copyOf(ids[c], n);
    }
    if (labelIds != null) {
      labelIds = Arrays.copyOf(labelIds, n);
    }
  }
}
