package io.trainyard.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the validating first pass read of every cell, in a temporary file, so that the publishing
 * pass does not parse the CSV again: per (non-label) column, each cell's number (NaN when missing
 * or not a number) and its dictionary id (-1 when missing or past the dictionary's capacity). The
 * first pass does not know yet which columns will be numeric and which categorical, so it keeps
 * both; the second reads the numbers of numeric columns and the ids of categorical ones.
 *
 * <p>Layout: the rows in segments that never cross a chunk boundary (a chunk is one segment, or
 * several when a chunk of all columns would not fit {@link #SEGMENT_BYTES}); a segment of {@code r}
 * rows holds, column after column, {@code r} little-endian doubles then {@code r} little-endian
 * ints. A row takes {@code 12 x columns} bytes wherever it is, so the segment of a row is found by
 * arithmetic, without an index. The doubles are the exact bytes of a packed protobuf {@code
 * repeated double}. Memory: one segment.
 */
public final class ChunkSpool implements AutoCloseable {

  /** A segment of all columns takes at most this much heap while it is filled. */
  static final int SEGMENT_BYTES = 4 << 20;

  private final Path file;
  private final FileChannel channel;
  private final int segmentBytes;
  private int columns;
  private int chunkRows;
  private int segmentRows;
  private double[][] numbers;
  private int[][] ids;
  private int fill;
  private long rows;
  private ByteBuffer out;

  private ChunkSpool(Path file, int segmentBytes) throws IOException {
    this.file = file;
    this.segmentBytes = segmentBytes;
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** A new, empty spool in a temporary file of {@code dir} (deleted on {@link #close()}). */
  public static ChunkSpool create(Path dir) {
    return create(dir, SEGMENT_BYTES);
  }

  /** As {@link #create(Path)}, with segments of at most {@code segmentBytes} (tests). */
  static ChunkSpool create(Path dir, int segmentBytes) {
    try {
      Files.createDirectories(dir);
      return new ChunkSpool(Files.createTempFile(dir, "trainyard-ingest-", ".spool"), segmentBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file in " + dir, e);
    }
  }

  /** Called by the first pass once it knows the width: {@code columns} cells per row. */
  void start(int columns, int chunkRows) {
    this.columns = columns;
    this.chunkRows = chunkRows;
    this.segmentRows = segmentRows(columns, chunkRows, segmentBytes);
    this.numbers = new double[columns][segmentRows];
    this.ids = new int[columns][segmentRows];
    this.out = ByteBuffer.allocateDirect(12 * segmentRows).order(ByteOrder.LITTLE_ENDIAN);
  }

  static int segmentRows(int columns, int chunkRows, int segmentBytes) {
    long byBytes = segmentBytes / (12L * Math.max(1, columns));
    return (int) Math.max(1, Math.min(chunkRows, byBytes));
  }

  /** Cell {@code column} of the current row: its number and dictionary id. */
  void cell(int column, double number, int id) {
    numbers[column][fill] = number;
    ids[column][fill] = id;
  }

  /** Ends the current row. */
  void endRow() {
    fill++;
    rows++;
    if (fill == segmentRows || rows % chunkRows == 0) {
      flush();
    }
  }

  /**
   * Appends {@code count} rows at once: the cells of column {@code c} are {@code numbers[c]} and
   * {@code ids[c]} from index 0. The same as {@link #cell} and {@link #endRow} row by row, with one
   * array copy per column and segment.
   */
  void appendRows(double[][] numbers, int[][] ids, int count) {
    int done = 0;
    while (done < count) {
      int take =
          (int) Math.min(Math.min(count - done, segmentRows - fill), chunkRows - rows % chunkRows);
      for (int c = 0; c < columns; c++) {
        System.arraycopy(numbers[c], done, this.numbers[c], fill, take);
        System.arraycopy(ids[c], done, this.ids[c], fill, take);
      }
      fill += take;
      rows += take;
      done += take;
      if (fill == segmentRows || rows % chunkRows == 0) {
        flush();
      }
    }
  }

  /** Ends the first pass. */
  void finish() {
    if (fill > 0) {
      flush();
    }
    numbers = null;
    ids = null;
  }

  private void flush() {
    long at = (rows - fill) * 12L * columns;
    try {
      for (int c = 0; c < columns; c++) {
        // Bulk views: a copy (byte-swapped only on a big-endian machine), not a put per value.
        out.clear();
        out.asDoubleBuffer().put(numbers[c], 0, fill);
        out.position(8 * fill);
        out.asIntBuffer().put(ids[c], 0, fill);
        out.position(12 * fill);
        out.flip();
        while (out.hasRemaining()) {
          at += channel.write(out, at);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool " + file, e);
    }
    fill = 0;
  }

  /** Rows spooled. */
  public long rows() {
    return rows;
  }

  int columns() {
    return columns;
  }

  int chunkRows() {
    return chunkRows;
  }

  int segmentRows() {
    return segmentRows;
  }

  /**
   * Reads the numbers of column {@code column} for rows [{@code from}, {@code from + count}) (which
   * must not cross a chunk boundary) into {@code dest} at {@code offset}, as little-endian doubles.
   */
  void readNumbers(int column, long from, int count, byte[] dest, int offset) {
    read(column, from, count, false, ByteBuffer.wrap(dest, offset, 8 * count));
  }

  /** Reads the dictionary ids of column {@code column} for rows [from, from + count). */
  void readIds(int column, long from, int count, int[] dest) {
    ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    read(column, from, count, true, b);
    b.flip();
    b.asIntBuffer().get(dest, 0, count);
  }

  private void read(int column, long from, int count, boolean idPart, ByteBuffer dest) {
    long chunkStart = from - from % chunkRows;
    long row = from;
    int left = count;
    try {
      while (left > 0) {
        // The segment holding `row`: segments start at chunk starts and every segmentRows after.
        long segStart = chunkStart + (row - chunkStart) / segmentRows * segmentRows;
        long segEnd = Math.min(Math.min(segStart + segmentRows, chunkStart + chunkRows), rows);
        int r = (int) (segEnd - segStart);
        int take = (int) Math.min(left, segEnd - row);
        long base = segStart * 12L * columns + (long) column * 12 * r;
        long at = idPart ? base + 8L * r + 4 * (row - segStart) : base + 8 * (row - segStart);
        int width = idPart ? 4 : 8;
        int limit = dest.position() + take * width;
        ByteBuffer slice = dest.duplicate();
        slice.limit(limit);
        while (slice.hasRemaining()) {
          int n = channel.read(slice, at);
          if (n < 0) {
            throw new IOException("the spool " + file + " ends early");
          }
          at += n;
        }
        dest.position(limit);
        row += take;
        left -= take;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool " + file, e);
    }
  }

  /** Deletes the file. */
  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
