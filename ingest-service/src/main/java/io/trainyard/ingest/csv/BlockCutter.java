package io.trainyard.ingest.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Cuts a CSV byte stream into blocks of about {@code blockBytes} that end at a line break outside
 * quoted fields, so that each block can be decoded and parsed on its own ({@link
 * CsvReader#CsvReader(char[], int, boolean)}) and the blocks read one after another give the same
 * records, lines and errors as the whole file read at once.
 *
 * <p>Outside quoted fields is told by the parity of the quotes since the last cut: in well-formed
 * CSV a quote opens or closes a quoted field, and an escaped quote is two. A malformed quote may
 * put a later cut inside a field, but {@link CsvReader} refuses the record with that quote first,
 * and that record is whole in its block (a cut only follows a line break at even parity, which a
 * record has none of before its first odd quote). A cut is after a LF, or after a CR that the next
 * byte shows is not the start of a CRLF, so no line break is split. A block holds at least one line
 * break unless it is the last, and grows past {@code blockBytes} for a longer record. A cut after
 * an ASCII byte is also a UTF-8 character boundary, so blocks decode as the whole file does.
 */
public final class BlockCutter {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final InputStream in;
  private final int blockBytes;
  private byte[] buf;
  private int filled;

  /** Buffers of merged blocks, for the next blocks (at most a few, all of blockBytes). */
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();

  private boolean eof;

  public BlockCutter(InputStream in, int blockBytes) {
    this.in = in;
    this.blockBytes = Math.max(16, blockBytes);
    this.buf = new byte[this.blockBytes];
  }

  /** One block: bytes [0, length) of {@code bytes}. */
  public record Block(byte[] bytes, int length) {}

  /** The next block, or null at the end of the stream. */
  public Block next() throws IOException {
    int scanned = 0; // bytes already known to hold no cut
    int quotes = 0; // quotes in [0, scanned)
    while (true) {
      fill();
      if (eof && filled == 0) {
        return null;
      }
      int cut = lastCut(scanned, quotes);
      if (cut > 0) {
        return take(cut);
      }
      if (eof) {
        return take(filled);
      }
      quotes += countQuotes(buf, scanned, filled);
      scanned = filled;
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
  }

  /**
   * Hands back the bytes of a block that is no longer read, to hold a later block: a block is a few
   * MiB, and reusing them spares the collector that much garbage per block.
   */
  public void recycle(byte[] bytes) {
    if (bytes.length == blockBytes && spare.size() < 8) {
      spare.push(bytes);
    }
  }

  /** What is left of the stream: the bytes read past the last block, then the rest. */
  public InputStream rest() {
    return new SequenceInputStream(new ByteArrayInputStream(buf, 0, filled), in);
  }

  /** Reads until the buffer is full or the stream ends. */
  private void fill() throws IOException {
    while (!eof && filled < buf.length) {
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        eof = true;
      } else {
        filled += n;
      }
    }
  }

  /**
   * The last cut in the buffer after {@code from}, or 0: scanning back from the end, the first line
   * break with an even number of quotes before it ({@code quotesBefore} are in [0, from)).
   */
  private int lastCut(int from, int quotesBefore) {
    int quotes = quotesBefore + countQuotes(buf, from, filled);
    for (int i = filled - 1; i >= from; i--) {
      byte c = buf[i];
      if (c == '"') {
        quotes--;
      } else if (c == '\n' || (c == '\r' && i + 1 < filled && buf[i + 1] != '\n')) {
        if ((quotes & 1) == 0) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  private Block take(int cut) {
    byte[] block = buf;
    int rest = filled - cut;
    buf =
        rest <= blockBytes && !spare.isEmpty() ? spare.pop() : new byte[Math.max(blockBytes, rest)];
    System.arraycopy(block, cut, buf, 0, rest);
    filled = rest;
    return new Block(block, cut);
  }

  /** Quotes in {@code [from, to)}, eight bytes at a time. */
  static int countQuotes(byte[] b, int from, int to) {
    return count(b, from, to, (byte) '"');
  }

  /** Bytes equal to {@code c} in {@code [from, to)}, eight at a time. */
  public static int count(byte[] b, int from, int to, byte c) {
    long pattern = ONES * (c & 0xFF);
    int n = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      // A zero byte of x is a match: the classic "has zero byte" test, counted exactly.
      long zeros = ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
      n += Long.bitCount(zeros);
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        n++;
      }
    }
    return n;
  }
}
