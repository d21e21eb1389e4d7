package io.trainyard.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * A file posted as a lean HTTP/1.1 client posts it: the request's head, then the file's bytes
 * handed from the page cache to the socket ({@link FileChannel#transferTo}, sendfile on Linux),
 * then the tail, and the response read to the end of the connection. The harness measures the
 * pipeline on two cores it shares with everything else; its own client should copy as little as the
 * uploads users make with curl or a proxy.
 */
final class FileUpload {

  /** The status and body of the response. */
  record Response(int status, String body) {}

  private FileUpload() {}

  /** A {@code multipart/form-data} body around a file: what goes before it and after it. */
  record Multipart(String contentType, byte[] head, byte[] tail) {}

  /**
   * The body of {@code POST /datasets}: the spec (a text field, or a file part when {@code
   * specAsFile}), then the CSV as the {@code data} file part.
   */
  static Multipart dataset(String specJson, boolean specAsFile) {
    String boundary = "bench-" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"spec\""
                + (specAsFile
                    ? "; filename=\"pipeline.json\"\r\nContent-Type: application/json"
                    : "")
                + "\r\n\r\n"
                + specJson
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"data\"; "
                + "filename=\"synthetic.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return new Multipart("multipart/form-data; boundary=" + boundary, head, tail);
  }

  /** Posts {@code body} around {@code file}. */
  static Response post(URI uri, Multipart body, Path file) throws IOException {
    return post(uri, body.contentType(), body.head(), file, body.tail());
  }

  /**
   * Posts {@code head}, the file and {@code tail} as one body of the given content type.
   *
   * @throws IOException if the connection fails or the response is not HTTP
   */
  static Response post(URI uri, String contentType, byte[] head, Path file, byte[] tail)
      throws IOException {
    try (SocketChannel socket =
            SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        FileChannel in = FileChannel.open(file)) {
      long size = in.size();
      String request =
          "POST "
              + uri.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "\r\nContent-Type: "
              + contentType
              + "\r\nContent-Length: "
              + (head.length + size + tail.length)
              + "\r\nConnection: close\r\n\r\n";
      try {
        writeFully(socket, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        writeFully(socket, ByteBuffer.wrap(head));
        for (long at = 0; at < size; ) {
          at += in.transferTo(at, size - at, socket);
        }
        writeFully(socket, ByteBuffer.wrap(tail));
      } catch (IOException e) {
        // A server that refuses early answers before it has read the whole body; its answer
        // says why, so read it rather than report the broken pipe.
      }
      return read(socket);
    }
  }

  private static void writeFully(SocketChannel socket, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      socket.write(buffer);
    }
  }

  private static Response read(SocketChannel socket) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (socket.read(buffer) >= 0) {
      all.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    byte[] bytes = all.toByteArray();
    int end = indexOf(bytes, 0, CRLF_CRLF);
    String head = new String(bytes, 0, Math.max(end, 0), StandardCharsets.US_ASCII);
    if (!head.startsWith("HTTP/1.") || end < 0) {
      throw new IOException(
          "not an HTTP response: " + new String(bytes, StandardCharsets.ISO_8859_1));
    }
    int status = Integer.parseInt(head.split("\r\n", 2)[0].split(" ", 3)[1]);
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if (head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
      body = unchunk(body);
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

  /** The body of a chunked response: each chunk's size in hexadecimal, CRLF, the bytes, CRLF. */
  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int line = indexOf(chunked, at, CRLF);
      String size = new String(chunked, at, line - at, StandardCharsets.US_ASCII);
      int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (length == 0) {
        break;
      }
      body.write(chunked, line + 2, length);
      at = line + 2 + length + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from, byte[] what) {
    outer:
    for (int i = from; i + what.length <= bytes.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (bytes[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
