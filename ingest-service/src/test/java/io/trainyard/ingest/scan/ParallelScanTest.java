package io.trainyard.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecException;
import io.trainyard.contracts.spec.SpecParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel first pass ({@link ParallelScan}) gives what the single-threaded one gives: the same
 * Scan (header, kinds, dictionaries in id order, labels), the same spool bytes, or the same refusal
 * with the same line, over random files cut into blocks of every small size (so cuts fall next to
 * quoted line breaks, errors and CRLFs, and blocks grow past records longer than themselves).
 */
class ParallelScanTest {

  @TempDir Path dir;

  @Test
  void randomFilesGiveTheSameScanSpoolOrRefusalAsOneThread() throws IOException {
    SplittableRandom rnd = new SplittableRandom(20261127);
    int refused = 0;
    for (int n = 0; n < 600; n++) {
      byte[] csv = RandomCsv.csv(rnd);
      String spec =
          "{\"name\":\"t\",\"dataset\":{\"label\":\"y\",\"chunkRows\":"
              + (1 + rnd.nextInt(60))
              + ",\"maxInvalidValues\":"
              + rnd.nextInt(4)
              + "}}";
      int maxCategories = rnd.nextBoolean() ? 1000 : 3 + rnd.nextInt(30);
      int segmentBytes = rnd.nextBoolean() ? ChunkSpool.SEGMENT_BYTES : 12 + rnd.nextInt(400);
      String expected = sequential(csv, spec, maxCategories, segmentBytes);
      int blockBytes = rnd.nextInt(3) == 0 ? 1 << 20 : 16 + rnd.nextInt(300);
      String actual =
          parallel(
              RandomCsv.trickle(csv, rnd.split()),
              spec,
              maxCategories,
              segmentBytes,
              blockBytes,
              1 + rnd.nextInt(4));
      assertThat(actual)
          .as("file %d, blocks of %d bytes:%n%s", n, blockBytes, printable(csv))
          .isEqualTo(expected);
      if (expected.startsWith("refused")) {
        refused++;
      }
    }
    // Both outcomes are exercised, refusals included.
    assertThat(refused).isBetween(100, 500);
  }

  @Test
  void labelsRepeatedOnTheBytePathGetTheIdsOneThreadGives() throws IOException {
    // No quotes, so blocks are read from their bytes, where a label whose bytes were seen lately
    // takes the id it got then: blanks around a label, missing tokens and more classes than are
    // remembered must all come out as the text path gives them, with and without the label
    // dictionary overflowing.
    String[] labels = {"pos", "neg", "a", " a", "b ", "c", "NA", "", "d", "pos", "pos", "né"};
    StringBuilder b = new StringBuilder("x,y,label\n");
    SplittableRandom rnd = new SplittableRandom(5);
    for (int r = 0; r < 20_000; r++) {
      b.append(rnd.nextInt(100))
          .append('.')
          .append(rnd.nextInt(10))
          .append(',')
          .append(rnd.nextInt(1000) - 500)
          .append(',')
          .append(labels[rnd.nextInt(r < 10_000 ? 3 : labels.length)])
          .append('\n');
    }
    byte[] csv = b.toString().getBytes(StandardCharsets.UTF_8);
    String spec = "{\"name\":\"t\",\"dataset\":{\"label\":\"label\",\"chunkRows\":1000}}";
    for (int maxCategories : new int[] {1000, 6}) {
      String expected = sequential(csv, spec, maxCategories, ChunkSpool.SEGMENT_BYTES);
      assertThat(expected).startsWith(maxCategories == 1000 ? "rows 20000" : "refused");
      for (int blockBytes : new int[] {4096, 1 << 20}) {
        assertThat(
                parallel(
                    new ByteArrayInputStream(csv),
                    spec,
                    maxCategories,
                    ChunkSpool.SEGMENT_BYTES,
                    blockBytes,
                    2))
            .as("%d categories, blocks of %d bytes", maxCategories, blockBytes)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aLongFileInManyBlocksGivesTheSameScanAndSpool() throws IOException {
    StringBuilder b = new StringBuilder("count,amount,colour,note,label\r\n");
    SplittableRandom rnd = new SplittableRandom(3);
    for (int r = 0; r < 20_000; r++) {
      b.append(rnd.nextInt(1000))
          .append(',')
          .append(rnd.nextGaussian())
          .append(",c")
          .append(rnd.nextInt(7))
          .append(",\"n, \"\"")
          .append(r % 97 == 0 ? "multi\r\nline" : "one")
          .append("\"\"\",")
          .append(rnd.nextInt(5) == 0 ? "NA" : "k" + rnd.nextInt(3))
          .append("\r\n");
    }
    byte[] csv = b.toString().getBytes(StandardCharsets.UTF_8);
    String spec = "{\"name\":\"t\",\"dataset\":{\"label\":\"label\",\"chunkRows\":1000}}";
    String expected = sequential(csv, spec, 1000, ChunkSpool.SEGMENT_BYTES);
    assertThat(expected).startsWith("rows 20000");
    for (int blockBytes : new int[] {4096, 65_536, 1 << 20}) {
      assertThat(
              parallel(
                  new ByteArrayInputStream(csv),
                  spec,
                  1000,
                  ChunkSpool.SEGMENT_BYTES,
                  blockBytes,
                  3))
          .isEqualTo(expected);
    }
  }

  @Test
  void theFirstBadLineIsFoundWhicheverBlockItIsIn() throws IOException {
    // An error in a late block must not hide one in an earlier block, and vice versa.
    StringBuilder b = new StringBuilder("x,y\n");
    for (int r = 0; r < 5_000; r++) {
      b.append(r == 1234 ? "1,\"a\"b" : r == 4000 ? "1,2,3" : r + ",\"l\nz\"").append('\n');
    }
    byte[] csv = b.toString().getBytes(StandardCharsets.UTF_8);
    String spec = "{\"name\":\"t\",\"dataset\":{\"label\":\"y\"}}";
    String expected = sequential(csv, spec, 1000, ChunkSpool.SEGMENT_BYTES);
    // line 1 is the header, each row before has two lines
    assertThat(expected)
        .isEqualTo(
            "refused InvalidDataException line 2470: stray quote: field 2"
                + " has text after its closing quote");
    for (int blockBytes : new int[] {64, 1000, 4096}) {
      assertThat(parallel(new ByteArrayInputStream(csv), spec, 1000, 4096, blockBytes, 2))
          .isEqualTo(expected);
    }
  }

  private String sequential(byte[] csv, String spec, int maxCategories, int segmentBytes)
      throws IOException {
    PipelineSpec parsed = SpecParser.parse(spec);
    try (ChunkSpool spool = ChunkSpool.create(dir, segmentBytes)) {
      try {
        Scan scan =
            new DatasetScanner(maxCategories)
                .scan(
                    new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8),
                    parsed,
                    spool);
        return describe(scan, spool);
      } catch (InvalidDataException | SpecException e) {
        return refusal(e);
      }
    }
  }

  private String parallel(
      InputStream csv, String spec, int maxCategories, int segmentBytes, int blockBytes, int window)
      throws IOException {
    PipelineSpec parsed = SpecParser.parse(spec);
    try (ChunkSpool spool = ChunkSpool.create(dir, segmentBytes)) {
      try {
        Scan scan = new ParallelScan(maxCategories, blockBytes, window).scan(csv, parsed, spool);
        return describe(scan, spool);
      } catch (InvalidDataException | SpecException e) {
        return refusal(e);
      }
    }
  }

  private static String refusal(RuntimeException e) {
    return "refused " + e.getClass().getSimpleName() + " " + e.getMessage();
  }

  /** Everything a Scan and its spool hold, as text. */
  private static String describe(Scan scan, ChunkSpool spool) {
    StringBuilder b = new StringBuilder();
    b.append("rows ").append(scan.rows()).append('\n');
    b.append("header ").append(scan.header()).append('\n');
    b.append("label ").append(scan.labelIndex()).append(' ').append(scan.unlabeled()).append('\n');
    b.append("classes ").append(Arrays.toString(scan.classes())).append('\n');
    b.append("counts ").append(scan.labelCounts()).append('\n');
    b.append("schema ").append(scan.schema()).append('\n');
    for (int i = 0; i < scan.header().size(); i++) {
      b.append("column ").append(i).append(' ').append(scan.kind(i));
      if (scan.dictionary(i) != null) {
        for (int id = 0; id < scan.dictionary(i).size(); id++) {
          b.append(" [").append(scan.dictionary(i).value(id)).append(']');
        }
      }
      b.append('\n');
    }
    b.append("row labels");
    for (int r = 0; r < scan.rows(); r++) {
      b.append(' ').append(scan.label(r));
    }
    b.append('\n');
    assertThat(spool.rows()).isEqualTo(scan.rows());
    int chunkRows = spool.chunkRows();
    for (int c = 0; c < spool.columns(); c++) {
      b.append("spool ").append(c);
      for (long from = 0; from < spool.rows(); from += chunkRows) {
        int count = (int) Math.min(chunkRows, spool.rows() - from);
        double[] numbers = new double[count];
        spool.readNumbers(c, from, count, numbers);
        int[] ids = new int[count];
        spool.readIds(c, from, count, ids);
        b.append(" s").append(spool.decimalScale(c, from, count));
        for (double v : numbers) {
          b.append(' ').append(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(v)));
        }
        b.append(Arrays.toString(ids));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String printable(byte[] csv) {
    return new String(csv, StandardCharsets.UTF_8).replace("\r", "<CR>");
  }
}
