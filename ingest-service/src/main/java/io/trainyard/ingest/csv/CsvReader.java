package io.trainyard.ingest.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A streaming RFC 4180 reader: comma-separated fields, fields optionally enclosed in double quotes,
 * a doubled quote inside a quoted field for a literal quote, and line breaks (LF, CRLF or CR)
 * inside quoted fields. Records are read one at a time into a reused buffer, so reading a file of
 * any size allocates nothing per field: a field is a range of {@link #chars()} from {@link
 * #start(int)} to {@link #end(int)}.
 *
 * <p>Lines are counted as in a text editor (1-based); {@link #line()} is the line on which the
 * current record starts, even when one of its quoted fields spans several lines. Blank lines
 * between records are skipped, a UTF-8 byte order mark at the start is dropped, and a missing line
 * break at the end of the file is fine. A quote inside an unquoted field, or anything but a comma
 * or a line break after a closing quote, is a {@link CsvFormatException} ("stray quote"), and so is
 * a quoted field that the file ends inside ("unterminated quoted field").
 */
public final class CsvReader implements Closeable {

  private static final int DEFAULT_BUFFER = 1 << 16;

  private final Reader in;
  private final char[] buf;
  private int pos;
  private int limit;
  private boolean eof;

  /** Whether a byte order mark before the first record is dropped (only at a file's start). */
  private final boolean fileStart;

  /**
   * Reading a whole block in place: fields are ranges of the block itself, not copies, and a quoted
   * field is unescaped where it stands (its content never grows).
   */
  private final boolean inPlace;

  /** Where the quoted field being read in place starts (after its opening quote). */
  private int fieldStartInPlace;

  /** The physical line the reader is on. */
  private long line = 1;

  private long recordLine;
  private long records;

  /** The current record's fields, concatenated; field i is [starts[i], ends[i]). */
  private char[] text = new char[1024];

  private int textLen;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int count;

  public CsvReader(Reader in) {
    this(in, DEFAULT_BUFFER);
  }

  /** With a given read buffer size (small sizes exercise refills in tests). */
  public CsvReader(Reader in, int bufferSize) {
    this.in = in;
    this.buf = new char[Math.max(1, bufferSize)];
    this.fileStart = true;
    this.inPlace = false;
  }

  /**
   * Reads the first {@code length} characters of {@code text} and nothing else: one block of a file
   * cut at a line break outside quoted fields ({@link BlockCutter}), read in place. Lines are
   * counted from 1 at the block's start; {@code fileStart} says whether the block is the start of
   * the file (where a byte order mark is dropped). The fields are ranges of {@code text} itself
   * ({@link #chars()} is {@code text}); quoted fields are unescaped in place, so the array is
   * changed.
   */
  public CsvReader(char[] text, int length, boolean fileStart) {
    this.in = Reader.nullReader();
    this.buf = text;
    this.limit = length;
    this.eof = true;
    this.fileStart = fileStart;
    this.inPlace = true;
  }

  /** Opens a UTF-8 file. */
  public static CsvReader open(Path file) throws IOException {
    return new CsvReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), DEFAULT_BUFFER);
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the file
   * @throws CsvFormatException on bad quoting
   */
  public boolean next() throws IOException {
    count = 0;
    textLen = 0;
    // Skip blank lines (and a byte order mark before the first record).
    while (true) {
      if (pos >= limit && !fill()) {
        return false;
      }
      char c = buf[pos];
      if (lineBreak(c)) {
        continue;
      }
      if (c == '\uFEFF' && fileStart && records == 0 && line == 1) {
        pos++;
      } else {
        break;
      }
    }
    recordLine = line;
    records++;
    if (inPlace) {
      return nextInPlace();
    }
    while (true) {
      int fieldStart = textLen;
      int c = peek();
      if (c == '"') {
        pos++;
        readQuoted();
        c = peek();
        requireFieldEnd(c);
      } else {
        c = readUnquoted();
      }
      addField(fieldStart, textLen);
      if (!moreFields(c)) {
        return true;
      }
    }
  }

  /** After a closing quote: the field must end there. */
  private void requireFieldEnd(int c) {
    if (c != ',' && c != '\n' && c != '\r' && c != -1) {
      throw new CsvFormatException(
          recordLine, "stray quote: field " + (count + 1) + " has text after its closing quote");
    }
  }

  /**
   * After a field, at {@code c}: true at a comma (consumed; another field follows), false at the
   * end of the record (its line break consumed, or the end of the input).
   */
  private boolean moreFields(int c) throws IOException {
    if (c == ',') {
      pos++;
      return true;
    }
    lineBreak(c);
    return false;
  }

  /** Consumes the line break (LF, CR or CRLF) that starts with {@code c} at pos, if it is one. */
  private boolean lineBreak(int c) throws IOException {
    if (c != '\n' && c != '\r') {
      return false;
    }
    pos++;
    line++;
    if (c == '\r') {
      skipLf();
    }
    return true;
  }

  /** The rest of {@link #next()} for a block read in place. */
  private boolean nextInPlace() throws IOException {
    char[] b = buf;
    int lim = limit;
    while (true) {
      int p = pos;
      int c = p < lim ? b[p] : -1;
      if (c == '"') {
        pos = p + 1;
        int end = readQuotedInPlace();
        c = pos < lim ? b[pos] : -1;
        requireFieldEnd(c);
        addField(fieldStartInPlace, end);
      } else {
        int start = p;
        while (p < lim) {
          char d = b[p];
          if (d == ',' || d == '\n' || d == '\r' || d == '"') {
            break;
          }
          p++;
        }
        pos = p;
        c = p < lim ? b[p] : -1;
        if (c == '"') {
          throw new CsvFormatException(recordLine, "stray quote in unquoted field " + (count + 1));
        }
        addField(start, p);
      }
      if (!moreFields(c)) {
        return true;
      }
    }
  }

  /**
   * Unescapes a quoted field where it stands (the opening quote is consumed): its content is moved
   * left over the dropped quotes of doubled pairs. Returns the end of the content; {@link
   * #fieldStartInPlace} is its start, {@link #pos} is after the closing quote.
   */
  private int readQuotedInPlace() {
    char[] b = buf;
    int lim = limit;
    int p = pos;
    int w = p;
    fieldStartInPlace = p;
    boolean afterCr = false;
    while (true) {
      if (p >= lim) {
        throw unterminated();
      }
      char c = b[p];
      if (c == '"') {
        if (p + 1 < lim && b[p + 1] == '"') {
          b[w++] = '"';
          p += 2;
          afterCr = false;
          continue;
        }
        pos = p + 1;
        return w;
      }
      afterCr = countBreak(c, afterCr);
      b[w++] = c;
      p++;
    }
  }

  /**
   * Counts the line breaks inside a quoted field: CR, LF and CRLF each end one line. Returns
   * whether {@code c} is a CR (so that an LF right after it is not counted again).
   */
  private boolean countBreak(char c, boolean afterCr) {
    if (c == '\r') {
      line++;
      return true;
    }
    if (c == '\n' && !afterCr) {
      line++;
    }
    return false;
  }

  private CsvFormatException unterminated() {
    return new CsvFormatException(
        recordLine, "unterminated quoted field " + (count + 1) + " (the file ends inside it)");
  }

  /** Copies an unquoted field; returns the character that ended it (not consumed) or -1. */
  private int readUnquoted() throws IOException {
    while (true) {
      if (pos >= limit && !fill()) {
        return -1;
      }
      char[] b = buf;
      int p = pos;
      int lim = limit;
      int start = p;
      char c = 0;
      while (p < lim) {
        c = b[p];
        if (c == ',' || c == '\n' || c == '\r' || c == '"') {
          break;
        }
        p++;
      }
      append(b, start, p - start);
      pos = p;
      if (p < lim) {
        if (c == '"') {
          throw new CsvFormatException(recordLine, "stray quote in unquoted field " + (count + 1));
        }
        return c;
      }
    }
  }

  /** Copies a quoted field's content (the opening quote is consumed), unescaping doubled quotes. */
  private void readQuoted() throws IOException {
    // CR, LF and CRLF each end one line; a CRLF split across two buffer fills counts once.
    boolean afterCr = false;
    while (true) {
      if (pos >= limit && !fill()) {
        throw unterminated();
      }
      char[] b = buf;
      int p = pos;
      int lim = limit;
      int start = p;
      while (p < lim) {
        char c = b[p];
        if (c == '"') {
          break;
        }
        afterCr = countBreak(c, afterCr);
        p++;
      }
      append(b, start, p - start);
      pos = p;
      if (p < lim) {
        // A quote: closing, or the first of a doubled quote.
        pos++;
        afterCr = false;
        if (peek() == '"') {
          pos++;
          append('"');
        } else {
          return;
        }
      }
    }
  }

  private int peek() throws IOException {
    if (pos >= limit && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private void skipLf() throws IOException {
    if (pos >= limit && !fill()) {
      return;
    }
    if (buf[pos] == '\n') {
      pos++;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private void append(char[] src, int from, int len) {
    if (len == 0) {
      return;
    }
    ensure(len);
    System.arraycopy(src, from, text, textLen, len);
    textLen += len;
  }

  private void append(char c) {
    ensure(1);
    text[textLen++] = c;
  }

  private void ensure(int extra) {
    if (textLen + extra > text.length) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, textLen + extra));
    }
  }

  private void addField(int start, int end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  /** Fields in the current record. */
  public int fieldCount() {
    return count;
  }

  /** The line on which the current record starts (1-based). */
  public long line() {
    return recordLine;
  }

  /**
   * The physical line the reader is on (1-based): after the last record, one more than the line
   * breaks read, so a block of a file moves the next block's line numbers by {@code physicalLine()
   * - 1}.
   */
  public long physicalLine() {
    return line;
  }

  /** Records read so far, the current one included. */
  public long records() {
    return records;
  }

  /** The current record's text (the block itself when read in place); fields are ranges of it. */
  public char[] chars() {
    return inPlace ? buf : text;
  }

  public int start(int field) {
    return starts[field];
  }

  public int end(int field) {
    return ends[field];
  }

  /** A field as a new String. */
  public String field(int field) {
    return new String(chars(), starts[field], ends[field] - starts[field]);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
