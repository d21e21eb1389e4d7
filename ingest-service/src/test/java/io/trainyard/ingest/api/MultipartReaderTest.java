package io.trainyard.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming multipart/form-data reader, against bodies written out by hand. */
class MultipartReaderTest {

  /** An input that hands out at most {@code step} bytes per read, as a network would. */
  static InputStream trickle(byte[] body, int step) {
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  static List<String[]> parts(byte[] body, String contentType, int step) throws IOException {
    MultipartReader reader = new MultipartReader(trickle(body, step), contentType);
    List<String[]> out = new ArrayList<>();
    for (MultipartReader.Part p; (p = reader.next()) != null; ) {
      // read some parts in small pieces, skip none
      out.add(
          new String[] {
            p.name(), p.fileName(), new String(p.content().readAllBytes(), StandardCharsets.UTF_8)
          });
    }
    return out;
  }

  static final String BODY =
      "preamble to ignore\r\n"
          + "--XyZ\r\n"
          + "Content-Disposition: form-data; name=\"spec\"\r\n"
          + "\r\n"
          + "name: s\r\n"
          + "--XyZ\r\n"
          + "Content-Disposition: form-data; name=\"data\"; filename=\"a;b.csv\"\r\n"
          + "Content-Type: text/csv\r\n"
          + "\r\n"
          // the CRLF before the closing boundary belongs to the boundary
          + "x,y\r\n1,--XyZ not a boundary\r\n2,\r\n-\r\n"
          + "--XyZ--\r\n"
          + "epilogue to ignore";

  @Test
  void partsComeOutWhateverTheReadSizes() throws IOException {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    for (int step : new int[] {1, 2, 3, 7, 64, 1 << 20}) {
      List<String[]> parts = parts(body, "multipart/form-data; boundary=XyZ", step);
      assertThat(parts).as("step %d", step).hasSize(2);
      assertThat(parts.get(0)).containsExactly("spec", null, "name: s");
      assertThat(parts.get(1))
          .containsExactly("data", "a;b.csv", "x,y\r\n1,--XyZ not a boundary\r\n2,\r\n-");
    }
  }

  @Test
  void aPartLeftUnreadIsSkippedAndTheBodyMayStartWithItsBoundary() throws IOException {
    String body =
        "--b\r\nContent-Disposition: form-data; name=\"one\"\r\n\r\nfirst\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"two\"\r\n\r\nsecond\r\n--b--";
    MultipartReader reader =
        new MultipartReader(
            trickle(body.getBytes(StandardCharsets.UTF_8), 5),
            "multipart/form-data; boundary=\"b\"");
    assertThat(reader.next().name()).isEqualTo("one"); // not read
    MultipartReader.Part two = reader.next();
    assertThat(two.name()).isEqualTo("two");
    assertThat(new String(two.content().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("second");
    assertThat(reader.next()).isNull();
    assertThat(reader.next()).isNull();
  }

  @Test
  void malformedBodiesAreBadUploads() {
    assertThatThrownBy(() -> MultipartReader.boundary("multipart/form-data"))
        .isInstanceOf(BadUploadException.class)
        .hasMessageContaining("boundary");
    assertThatThrownBy(
            () -> parts("no boundary here".getBytes(), "multipart/form-data; boundary=q", 4))
        .isInstanceOf(BadUploadException.class)
        .hasMessageContaining("no boundary");
    String cut =
        "--q\r\nContent-Disposition: form-data; name=\"data\"; filename=\"d\"\r\n\r\n1,2\n3,";
    assertThatThrownBy(() -> parts(cut.getBytes(), "multipart/form-data; boundary=q", 4))
        .isInstanceOf(BadUploadException.class)
        .hasMessageContaining("ends before its closing boundary");
    String nameless = "--q\r\nContent-Type: text/plain\r\n\r\nx\r\n--q--";
    assertThatThrownBy(() -> parts(nameless.getBytes(), "multipart/form-data; boundary=q", 4))
        .isInstanceOf(BadUploadException.class)
        .hasMessageContaining("no Content-Disposition name");
  }

  @Test
  void dispositionParametersAreUnquoted() {
    assertThat(
            MultipartReader.parameter(
                " form-data; name=\"a\"; filename=\"x;\\\"y\\\".csv\"", "filename"))
        .isEqualTo("x;\"y\".csv");
    assertThat(MultipartReader.parameter(" form-data; name=plain", "name")).isEqualTo("plain");
    assertThat(MultipartReader.parameter(" form-data; name=\"a\"", "filename")).isNull();
  }

  @Test
  void contentFullOfCarriageReturnsAndBoundaryLookalikesComesOutWhole() throws IOException {
    // Content drawn from the bytes a delimiter is made of, at every offset from an 8-byte word,
    // read in pieces of every size: the part ends at the real delimiter and nowhere else.
    java.util.SplittableRandom random = new java.util.SplittableRandom(9);
    String[] pieces = {
      "\r", "\n", "-", "--", "B0", "\r\n", "\r\n-", "\r\n--", "\r\n--B", "x", "12.5,"
    };
    for (int trial = 0; trial < 2000; trial++) {
      StringBuilder content = new StringBuilder();
      int n = random.nextInt(40);
      for (int k = 0; k < n; k++) {
        content.append(pieces[random.nextInt(pieces.length)]);
      }
      String boundary = "B0unD";
      String body =
          "x".repeat(random.nextInt(9))
              + "\r\n--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n"
              + content
              + "\r\n--"
              + boundary
              + "--\r\n";
      List<String[]> parts =
          parts(
              body.getBytes(StandardCharsets.UTF_8),
              "multipart/form-data; boundary=" + boundary,
              1 + random.nextInt(32));
      assertThat(parts).as("%s", content).hasSize(1);
      assertThat(parts.get(0)[2]).as("%s", content).isEqualTo(content.toString());
    }
  }
}
