package io.trainyard.ingest.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, so the upload can
 * be parsed while the client is still sending it, instead of waiting for the whole body to be
 * written to disk first. Each part's content is an {@link InputStream} that ends at the next
 * boundary; a part not read to its end is skipped by {@link #next()}.
 *
 * <p>Malformed bodies (no boundary, a part without a {@code Content-Disposition} name, headers
 * beyond 16 KiB, a body that ends before its closing boundary) are a {@link BadUploadException}.
 */
final class MultipartReader {

  private static final int BUFFER = 1 << 16;
  private static final int MAX_HEADERS = 16 * 1024;

  private final InputStream in;

  /** CRLF "--" boundary: what ends a part's content. */
  private final byte[] delimiter;

  private final byte[] buf;
  private int pos;
  private int lim;

  /** No delimiter starts in buf[pos, clean): what a part's reader has searched already. */
  private int clean;

  private boolean eof;
  private boolean started;
  private boolean finished;
  private PartStream current;

  /** One part: its form name, its file name (null for a plain field) and its content. */
  record Part(String name, String fileName, InputStream content) {}

  MultipartReader(InputStream in, String contentType) {
    this.in = in;
    String boundary = boundary(contentType);
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[Math.max(BUFFER, 4 * delimiter.length)];
  }

  /** The boundary parameter of a multipart content type. */
  static String boundary(String contentType) {
    if (contentType == null) {
      throw new BadUploadException("expected a multipart/form-data body with a boundary");
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9).strip();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        if (!b.isEmpty() && b.length() <= 200) {
          return b;
        }
      }
    }
    throw new BadUploadException("expected a multipart/form-data body with a boundary");
  }

  /** The next part, or null after the closing boundary. */
  Part next() throws IOException {
    if (finished) {
      return null;
    }
    if (!started) {
      started = true;
      skipPreamble();
    } else {
      if (current != null) {
        current.skipRest();
      }
      // at the delimiter ending the last part
      consume(delimiter.length);
    }
    // "--" after the boundary closes the body; else the line ends and the headers follow
    fill(2);
    if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
      finished = true;
      current = null;
      return null;
    }
    skipToLineEnd();
    String disposition = null;
    int headerBytes = 0;
    while (true) {
      String line = readLine();
      headerBytes += line.length() + 2;
      if (headerBytes > MAX_HEADERS) {
        throw new BadUploadException("multipart part headers are larger than 16 KiB");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
        disposition = line.substring(colon + 1);
      }
    }
    String name = disposition == null ? null : parameter(disposition, "name");
    if (name == null) {
      throw new BadUploadException("a multipart part has no Content-Disposition name");
    }
    current = new PartStream();
    return new Part(name, parameter(disposition, "filename"), current);
  }

  /** A parameter of a Content-Disposition header value, unquoted; null when absent. */
  static String parameter(String disposition, String key) {
    int i = 0;
    int n = disposition.length();
    while (i < n) {
      int semi = nextSemicolon(disposition, i);
      String p = disposition.substring(i, semi).strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals(key)) {
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
      }
      i = semi + 1;
    }
    return null;
  }

  /** The next ';' outside double quotes, or the end. */
  private static int nextSemicolon(String s, int from) {
    boolean quoted = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return i;
      }
    }
    return s.length();
  }

  /** Discards the rest of the body (after an error, so the connection stays usable). */
  void drain() throws IOException {
    pos = lim;
    in.transferTo(java.io.OutputStream.nullOutputStream());
    eof = true;
  }

  private void skipPreamble() throws IOException {
    // The first boundary has no CRLF before it when the body starts with it.
    int dashBoundary = delimiter.length - 2;
    while (true) {
      fill(delimiter.length);
      if (lim - pos >= dashBoundary && matches(pos, 2, dashBoundary)) {
        consume(dashBoundary);
        return;
      }
      int at = find(pos);
      if (at >= 0) {
        pos = at + delimiter.length;
        return;
      }
      if (eof) {
        throw new BadUploadException("the multipart body has no boundary");
      }
      // keep a tail that may start a delimiter
      pos = Math.max(pos, lim - delimiter.length + 1);
    }
  }

  private boolean matches(int at, int delimiterFrom, int length) {
    for (int k = 0; k < length; k++) {
      if (buf[at + k] != delimiter[delimiterFrom + k]) {
        return false;
      }
    }
    return true;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The first delimiter in buf[from, lim), or -1. Candidates (the delimiter's first byte, a CR) are
   * looked for eight bytes at a time: in a CSV upload a CR is rare, so most words hold none.
   */
  private int find(int from) {
    byte first = delimiter[0];
    long pattern = ONES * (first & 0xff);
    int last = lim - delimiter.length;
    int i = from;
    while (i <= last) {
      if (i + 8 <= lim) {
        long x = (long) LONGS.get(buf, i) ^ pattern;
        // Bytes of x that are zero are the candidates; the lowest flagged byte is always one.
        long zeros = (x - ONES) & ~x & HIGHS;
        if (zeros == 0) {
          i += 8;
          continue;
        }
        int k = i + (Long.numberOfTrailingZeros(zeros) >>> 3);
        if (k > last) {
          return -1;
        }
        if (matches(k, 0, delimiter.length)) {
          return k;
        }
        i = k + 1;
      } else {
        if (buf[i] == first && matches(i, 0, delimiter.length)) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  private void skipToLineEnd() throws IOException {
    while (true) {
      fill(2);
      if (lim - pos < 2) {
        throw new BadUploadException("the multipart body ends inside a boundary line");
      }
      if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
        consume(2);
        return;
      }
      pos++; // transport padding after the boundary
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      fill(2);
      if (lim - pos < 2) {
        throw new BadUploadException("the multipart body ends inside part headers");
      }
      if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
        consume(2);
        return line.toString();
      }
      line.append((char) (buf[pos++] & 0xff));
      if (line.length() > MAX_HEADERS) {
        throw new BadUploadException("multipart part headers are larger than 16 KiB");
      }
    }
  }

  private void consume(int n) throws IOException {
    fill(n);
    if (lim - pos < n) {
      throw new BadUploadException("the multipart body ends before its closing boundary");
    }
    pos += n;
  }

  /** Makes at least {@code n} bytes available from pos, unless the body ends first. */
  private void fill(int n) throws IOException {
    if (lim - pos >= n || eof) {
      return;
    }
    compact();
    while (lim - pos < n && !eof) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
      } else {
        lim += r;
      }
    }
  }

  private void compact() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      clean = Math.max(0, clean - pos);
      pos = 0;
    }
  }

  /** A part's content: the bytes up to the next delimiter. */
  private final class PartStream extends BulkInputStream {
    private boolean ended;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended || current != this) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (true) {
        fill(delimiter.length);
        int at = find(Math.max(pos, clean));
        if (at == pos) {
          ended = true;
          return -1;
        }
        int safe;
        if (at >= 0) {
          safe = at;
          clean = at;
        } else if (eof) {
          throw new BadUploadException("the multipart body ends before its closing boundary");
        } else {
          // bytes that cannot start a delimiter are safe to hand out
          safe = lim - delimiter.length + 1;
          clean = safe;
        }
        int n = Math.min(len, safe - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
    }

    void skipRest() throws IOException {
      byte[] sink = new byte[8192];
      while (read(sink, 0, sink.length) >= 0) {
        // discard
      }
    }
  }
}
