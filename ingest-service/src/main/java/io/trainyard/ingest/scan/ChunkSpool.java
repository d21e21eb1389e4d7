package io.trainyard.ingest.scan;

import io.trainyard.toolkit.wire.Decimals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What the validating first pass read of every cell, kept aside so that the publishing pass does
 * not parse the CSV again: per (non-label) column, each cell's number (NaN when missing or not a
 * number) and its dictionary id (-1 when missing or past the dictionary's capacity). The first pass
 * does not know yet which columns will be numeric and which categorical, so it keeps both; the
 * second reads the numbers of numeric columns and the ids of categorical ones.
 *
 * <p>Layout: the rows in segments that never cross a chunk boundary (a chunk is one segment, or
 * several when a chunk of all columns would not fit {@link #SEGMENT_BYTES}); a segment of {@code r}
 * rows holds, column after column, the column's numbers and then its ids. The numbers are packed
 * decimals ({@link Decimals}: 1 to 4 bytes each, the bytes of a chunk's {@code PackedDecimals})
 * where the segment's numbers of that column allow it, else {@code r} little-endian doubles; the
 * ids ({@code r} little-endian ints) are left out where every cell's id is -1 (a column of numbers
 * past the dictionary's capacity). CSV numbers mostly take 4 bytes a cell or fewer instead of 12,
 * and the spool is the largest write of an upload. An index in memory (a few words per segment and
 * column) says where each part is and in which form. Memory: one segment.
 *
 * <p>Where: the spool's first bytes go into blocks of a shared {@link SpoolMemory} while it has any
 * to give, the rest (from the first write it could not give a block for) into a temporary file,
 * created only then: an upload that fits the memory touches no file.
 */
public final class ChunkSpool implements AutoCloseable {

  /** A segment of all columns takes at most this much heap while it is filled. */
  static final int SEGMENT_BYTES = 4 << 20;

  private final Path dir;

  /** The temporary file and its channel, once the memory ran out (else null). */
  private Path file;

  private FileChannel channel;
  private final SpoolMemory memory;
  private final List<ByteBuffer> blocks = new ArrayList<>();

  /**
   * The spool's position of the file's first byte: the end of the memory part once the memory had
   * no block to give; until then every byte is in memory.
   */
  private long fileFrom = Long.MAX_VALUE;

  private final int segmentBytes;
  private int columns;
  private int chunkRows;
  private int segmentRows;
  private double[][] numbers;
  private int[][] ids;
  private int fill;
  private long rows;
  private ByteBuffer out;
  private int[] decimals;
  private byte[] packed;

  /** Bytes written so far: where the next segment goes. */
  private long end;

  /**
   * Per segment and column ({@code segment x columns + column}): where its numbers are, their scale
   * in the decimal form (-1: doubles), and where its ids are (-1: every id is -1).
   */
  private long[] numbersAt = new long[0];

  private byte[] scales = new byte[0];

  /** Per segment and column in the decimal form: the packing's width (1 to 4) and base. */
  private byte[] widths = new byte[0];

  private int[] bases = new int[0];
  private long[] idsAt = new long[0];
  private int segments;

  private ChunkSpool(Path dir, int segmentBytes, SpoolMemory memory) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.memory = memory;
  }

  /** A new, empty spool in a temporary file of {@code dir} (deleted on {@link #close()}). */
  public static ChunkSpool create(Path dir) {
    return create(dir, SpoolMemory.none());
  }

  /**
   * A new, empty spool in {@code memory} while it has blocks to give, then in a temporary file of
   * {@code dir} (the blocks given back and the file deleted on {@link #close()}).
   */
  public static ChunkSpool create(Path dir, SpoolMemory memory) {
    return create(dir, SEGMENT_BYTES, memory);
  }

  /** As {@link #create(Path)}, with segments of at most {@code segmentBytes} (tests). */
  static ChunkSpool create(Path dir, int segmentBytes) {
    return create(dir, segmentBytes, SpoolMemory.none());
  }

  /** As {@link #create(Path, SpoolMemory)}, with segments of at most {@code segmentBytes}. */
  static ChunkSpool create(Path dir, int segmentBytes, SpoolMemory memory) {
    return new ChunkSpool(dir, segmentBytes, memory);
  }

  /** Creates the temporary file, at the first byte the memory has no room for. */
  private void openFile() {
    try {
      Files.createDirectories(dir);
      file = Files.createTempFile(dir, "trainyard-ingest-", ".spool");
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file in " + dir, e);
    }
  }

  /** What the spool is, for messages. */
  private String where() {
    return file != null ? file.toString() : "in memory";
  }

  /** Called by the first pass once it knows the width: {@code columns} cells per row. */
  void start(int columns, int chunkRows) {
    this.columns = columns;
    this.chunkRows = chunkRows;
    this.segmentRows = segmentRows(columns, chunkRows, segmentBytes);
    this.numbers = new double[columns][segmentRows];
    this.ids = new int[columns][segmentRows];
    this.decimals = new int[segmentRows];
    this.packed = new byte[Decimals.MAX_WIDTH * segmentRows];
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
      if (fill == 0 && (take == segmentRows || (rows + take) % chunkRows == 0)) {
        // A whole segment inside the given rows: written from them, not copied in first.
        rows += take;
        flush(numbers, ids, done, take);
        done += take;
        continue;
      }
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
    flush(numbers, ids, 0, fill);
  }

  /** Writes a segment: rows [from, from + n) of the columns {@code numbers} and {@code ids}. */
  private void flush(double[][] numbers, int[][] ids, int from, int n) {
    int base = segments * columns;
    if (numbersAt.length < base + columns) {
      int size = Math.max(base + columns, 2 * numbersAt.length);
      numbersAt = java.util.Arrays.copyOf(numbersAt, size);
      scales = java.util.Arrays.copyOf(scales, size);
      widths = java.util.Arrays.copyOf(widths, size);
      bases = java.util.Arrays.copyOf(bases, size);
      idsAt = java.util.Arrays.copyOf(idsAt, size);
    }
    try {
      for (int c = 0; c < columns; c++) {
        double[] values = numbers[c];
        int scale = Decimals.encodeAll(values, from, n, decimals);
        // Bulk views: a copy (byte-swapped only on a big-endian machine), not a put per value.
        out.clear();
        if (scale < 0) {
          out.asDoubleBuffer().put(values, from, n);
          out.position(8 * n);
        } else {
          Decimals.Packing packing = Decimals.packing(decimals, 0, n);
          int width = packing.width();
          Decimals.pack(decimals, 0, n, width, packing.base(), packed, 0);
          out.put(packed, 0, width * n);
          bases[base + c] = packing.base();
          widths[base + c] = (byte) width;
        }
        numbersAt[base + c] = end;
        scales[base + c] = (byte) scale;
        int numberBytes = out.position();
        if (anyId(ids[c], from, n)) {
          idsAt[base + c] = end + numberBytes;
          out.asIntBuffer().put(ids[c], from, n);
          out.position(numberBytes + 4 * n);
        } else {
          idsAt[base + c] = -1;
        }
        out.flip();
        write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool " + where(), e);
    }
    segments++;
    fill = 0;
  }

  /** Appends {@code src} at {@link #end}: into memory blocks while there are any, then the file. */
  private void write(ByteBuffer src) throws IOException {
    int blockBytes = memory.blockBytes();
    while (src.hasRemaining()) {
      if (end < fileFrom) {
        int block = (int) (end / blockBytes);
        if (block == blocks.size()) {
          ByteBuffer taken = memory.take();
          if (taken == null) {
            fileFrom = end;
            openFile();
            continue;
          }
          blocks.add(taken);
        }
        int at = (int) (end % blockBytes);
        int n = Math.min(src.remaining(), blockBytes - at);
        blocks.get(block).put(at, src, src.position(), n);
        src.position(src.position() + n);
        end += n;
      } else {
        end += channel.write(src, end - fileFrom);
      }
    }
  }

  /** Bytes of the spool in memory. */
  long memoryBytes() {
    return Math.min(end, fileFrom);
  }

  private static boolean anyId(int[] ids, int from, int n) {
    for (int r = from; r < from + n; r++) {
      if (ids[r] != -1) {
        return true;
      }
    }
    return false;
  }

  /** Bytes of the spool. */
  long bytes() {
    return end;
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
   * The scale of column {@code column}'s numbers for rows [{@code from}, {@code from + count}) when
   * they are all in one segment, whose rows they are exactly, and in the decimal form there; else
   * -1. A chunk that is one segment then has the scale {@link Decimals#scale} finds for its
   * numbers, and {@link #readDecimals} gives the bytes of its packed decimals.
   */
  int decimalScale(int column, long from, int count) {
    long chunkStart = from - from % chunkRows;
    long segStart = chunkStart + (from - chunkStart) / segmentRows * segmentRows;
    long segEnd = Math.min(Math.min(segStart + segmentRows, chunkStart + chunkRows), rows);
    if (segStart != from || segEnd != from + count) {
      return -1;
    }
    return scales[segment(segStart) * columns + column];
  }

  /**
   * The packing of column {@code column}'s numbers in the segment that starts at row {@code from},
   * which {@link #decimalScale} found in the decimal form: the width of each number in bytes.
   */
  int packedWidth(int column, long from) {
    return widths[segment(from) * columns + column];
  }

  /** The base of the packing of {@link #packedWidth}. */
  int packedBase(int column, long from) {
    return bases[segment(from) * columns + column];
  }

  /**
   * Copies the decimals of column {@code column}, rows [{@code from}, {@code from + count}), which
   * {@link #decimalScale} found in the decimal form, as they are in the spool ({@link #packedWidth}
   * bytes each), into {@code dest} at {@code offset}.
   */
  void readDecimals(int column, long from, int count, byte[] dest, int offset) {
    int at = segment(from) * columns + column;
    readFully(numbersAt[at], ByteBuffer.wrap(dest, offset, widths[at] * count));
  }

  /**
   * Reads the numbers of column {@code column} for rows [{@code from}, {@code from + count}) (which
   * must not cross a chunk boundary) into {@code dest}.
   */
  void readNumbers(int column, long from, int count, double[] dest) {
    forEachSegment(
        from,
        count,
        (segment, offset, take, done) -> {
          int at = segment * columns + column;
          int scale = scales[at];
          int width = scale < 0 ? 8 : widths[at];
          ByteBuffer b = ByteBuffer.allocate(width * take).order(ByteOrder.LITTLE_ENDIAN);
          readFully(numbersAt[at] + (long) width * offset, b);
          b.flip();
          if (scale < 0) {
            b.asDoubleBuffer().get(dest, done, take);
          } else {
            Decimals.unpack(b.array(), 0, take, width, bases[at], scale, dest, done);
          }
        });
  }

  /** Reads the dictionary ids of column {@code column} for rows [from, from + count). */
  void readIds(int column, long from, int count, int[] dest) {
    forEachSegment(
        from,
        count,
        (segment, offset, take, done) -> {
          long at = idsAt[segment * columns + column];
          if (at < 0) {
            java.util.Arrays.fill(dest, done, done + take, -1);
            return;
          }
          ByteBuffer b = ByteBuffer.allocate(4 * take).order(ByteOrder.LITTLE_ENDIAN);
          readFully(at + 4L * offset, b);
          b.flip();
          b.asIntBuffer().get(dest, done, take);
        });
  }

  /** A part of a read: {@code take} rows from row {@code offset} of {@code segment}. */
  private interface SegmentPart {
    void read(int segment, int offset, int take, int done);
  }

  private void forEachSegment(long from, int count, SegmentPart part) {
    long chunkStart = from - from % chunkRows;
    long row = from;
    int done = 0;
    while (done < count) {
      // The segment holding `row`: segments start at chunk starts and every segmentRows after.
      long segStart = chunkStart + (row - chunkStart) / segmentRows * segmentRows;
      long segEnd = Math.min(Math.min(segStart + segmentRows, chunkStart + chunkRows), rows);
      int take = (int) Math.min(count - done, segEnd - row);
      part.read(segment(segStart), (int) (row - segStart), take, done);
      row += take;
      done += take;
    }
  }

  /** The index of the segment that starts at row {@code segStart}. */
  private int segment(long segStart) {
    long chunk = segStart / chunkRows;
    int perChunk = (chunkRows + segmentRows - 1) / segmentRows;
    return (int) (chunk * perChunk + (segStart - chunk * chunkRows) / segmentRows);
  }

  private void readFully(long at, ByteBuffer dest) {
    int blockBytes = memory.blockBytes();
    try {
      while (dest.hasRemaining()) {
        if (at < fileFrom && at < (long) blocks.size() * blockBytes) {
          int offset = (int) (at % blockBytes);
          int n = Math.min(dest.remaining(), blockBytes - offset);
          dest.put(dest.position(), blocks.get((int) (at / blockBytes)), offset, n);
          dest.position(dest.position() + n);
          at += n;
          continue;
        }
        int n = at < fileFrom ? -1 : channel.read(dest, at - fileFrom);
        if (n < 0) {
          throw new IOException("the spool " + where() + " ends early");
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool " + where(), e);
    }
  }

  /** Gives the memory back and deletes the file, if there is one. */
  @Override
  public void close() {
    memory.give(blocks);
    blocks.clear();
    if (file == null) {
      return;
    }
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
