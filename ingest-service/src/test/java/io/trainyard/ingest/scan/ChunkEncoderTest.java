package io.trainyard.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.ingest.csv.Cells;
import io.trainyard.ingest.csv.CsvReader;
import io.trainyard.ingest.split.Splitter;
import io.trainyard.toolkit.wire.Decimals;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunks ingest publishes from its spool ({@link ChunkEncoder}) are, byte for byte, the
 * serialized chunks built as messages straight from the CSV ({@link #reference}).
 */
class ChunkEncoderTest {

  @TempDir Path dir;

  static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("enc").setVersion(3).setSpecHash("h").build();

  /** Encoder and reference over the same CSV, spec and segment size: the same bytes. */
  List<byte[]> assertSameChunks(String csv, String spec, int segmentBytes) throws IOException {
    PipelineSpec parsed = SpecParser.parse(spec);
    int chunkRows = parsed.dataset().chunkRows();
    List<RowChunk> expected;
    List<byte[]> actual = new ArrayList<>();
    try (ChunkSpool spool = ChunkSpool.create(dir, segmentBytes)) {
      Scan scan;
      try (CsvReader reader = new CsvReader(new StringReader(csv))) {
        scan = new DatasetScanner(1000).scan(reader, parsed, spool);
      }
      Splitter.Assignment split =
          Splitter.assign(
              parsed.name(),
              scan.rows(),
              scan.labelIndex() >= 0 ? scan.rowLabels() : null,
              scan.classes().length,
              parsed.split());
      expected = reference(csv, scan, split, chunkRows);
      ChunkEncoder encoder = new ChunkEncoder(scan, spool, REF, split, chunkRows);
      assertThat(encoder.chunkCount()).isEqualTo(expected.size());
      for (long k = 0; k < encoder.chunkCount(); k++) {
        actual.add(encoder.encode(k));
        assertThat(encoder.eventId(k)).isEqualTo(expected.get((int) k).getEventId());
      }
    }
    for (int k = 0; k < expected.size(); k++) {
      assertThat(actual.get(k)).as("chunk %d", k).isEqualTo(expected.get(k).toByteArray());
    }
    return actual;
  }

  /**
   * The reference: the chunks built as protobuf messages straight from the CSV, as ingest published
   * them before it spooled the first pass. Chunks of {@code chunkRows} rows in file order, row ids
   * 1..n; numeric columns with NaN for a missing cell or one that is not a number, categorical
   * columns and labels as their trimmed text, "" when missing.
   */
  static List<RowChunk> reference(String csv, Scan scan, Splitter.Assignment split, int chunkRows)
      throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (CsvReader reader = new CsvReader(new StringReader(csv))) {
      reader.next(); // the header
      while (reader.next()) {
        String[] row = new String[reader.fieldCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = reader.field(i).replaceAll("^[ \\t]+|[ \\t]+$", "");
        }
        rows.add(row);
      }
    }
    List<RowChunk> chunks = new ArrayList<>();
    for (int first = 0; first < rows.size(); first += chunkRows) {
      List<String[]> part = rows.subList(first, Math.min(rows.size(), first + chunkRows));
      long index = first / chunkRows;
      RowChunk.Builder chunk =
          RowChunk.newBuilder()
              .setEventId("enc/v3/chunk/" + index)
              .setDataset(REF)
              .setChunkIndex(index);
      // Row ids 1..n in file order, as the run of each chunk's ids.
      chunk.getConsecutiveBuilder().setFirst(first + 1).setCount(part.size());
      for (int r = 0; r < part.size(); r++) {
        chunk.addSplitsValue(split.splits()[first + r]);
      }
      for (int i = 0; i < scan.header().size(); i++) {
        String name = scan.header().get(i);
        if (scan.kind(i) == ColumnKind.NUMERIC) {
          double[] values = new double[part.size()];
          for (int r = 0; r < values.length; r++) {
            String cell = part.get(r)[i];
            values[r] = Cells.isMissing(cell) ? Double.NaN : Cells.parseNumber(cell);
          }
          // As packed decimals where that is lossless (Decimals holds that to parseDouble).
          NumericColumn column = Decimals.column(name, values, 0, values.length);
          assertThat(Decimals.values(column)).isEqualTo(values);
          chunk.addNumeric(column);
        } else if (scan.kind(i) == ColumnKind.CATEGORICAL) {
          StringColumn.Builder column = chunk.addCategoricalBuilder().setName(name);
          for (String[] row : part) {
            column.addValues(Cells.isMissing(row[i]) ? "" : row[i]);
          }
        } else if (scan.kind(i) == ColumnKind.LABEL) {
          // As indexes into the chunk's names: its classes in the data set's class order, then
          // "" when a label is missing.
          List<String> names = new ArrayList<>();
          int col = i;
          for (String cls : scan.classes()) {
            if (part.stream().anyMatch(row -> !Cells.isMissing(row[col]) && row[col].equals(cls))) {
              names.add(cls);
            }
          }
          if (part.stream().anyMatch(row -> Cells.isMissing(row[col]))) {
            names.add("");
          }
          chunk.addAllLabelNames(names);
          for (String[] row : part) {
            chunk.addLabelIndexes(names.indexOf(Cells.isMissing(row[i]) ? "" : row[i]));
          }
        }
      }
      chunks.add(chunk.build());
    }
    return chunks;
  }

  @Test
  void numericCategoricalLabelsAndEveryKindOfMissingValue() throws IOException {
    String csv =
        "x,colour,y,label\n"
            + "1.5,red,10,pos\n"
            + "NA,blue,-2e3,neg\n"
            + "\" 3 \",,7,pos\n"
            + "4,\"green, light\",N/A,\n"
            + "oops,red,0.25,neg\n"
            + "-0.0,?,1,pos\n"
            + "7,null,12345678901234567890,neg\n";
    String spec =
        "{\"name\":\"enc\",\"dataset\":{\"label\":\"label\",\"chunkRows\":3,"
            + "\"maxInvalidValues\":1,\"minRows\":1}}";
    assertSameChunks(csv, spec, ChunkSpool.SEGMENT_BYTES);
    // one row per segment: every chunk is read back from three segments
    assertSameChunks(csv, spec, 36);
  }

  @Test
  void noLabelColumnAndACategoricalColumnOfNumbers() throws IOException {
    String csv = "a,code\n1,01\n2,x\n3,y\n4,01\n5,\n";
    String spec =
        "{\"name\":\"enc\",\"dataset\":{\"chunkRows\":2,\"minRows\":1},\"labeling\":{\"rule\":"
            + "{\"column\":\"a\",\"op\":\"gt\",\"value\":2,\"then\":\"hi\",\"otherwise\":\"lo\"}}}";
    RowChunk first =
        RowChunk.parseFrom(assertSameChunks(csv, spec, ChunkSpool.SEGMENT_BYTES).get(0));
    assertThat(first.getCategoricalCount()).isEqualTo(1);
    assertThat(first.getCategorical(0).getValuesList()).containsExactly("01", "x");
    assertThat(first.getLabelNamesCount()).isZero();
    assertThat(first.getLabelIndexesCount()).isZero();
  }

  @Test
  void manyRowsInChunksThatSpanSeveralSegments() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder csv = new StringBuilder("a,b,c,kind,label\n");
    for (int r = 0; r < 5_003; r++) {
      csv.append(random.nextInt(20) == 0 ? "" : Double.toString(random.nextGaussian()))
          .append(',')
          .append(random.nextInt(1_000_000))
          .append(',')
          .append(random.nextDouble() * 1e-5)
          .append(',')
          .append("k")
          .append(random.nextInt(5))
          .append(',')
          .append(random.nextInt(3) == 0 ? "b" : "a")
          .append('\n');
    }
    String spec = "{\"name\":\"enc\",\"dataset\":{\"label\":\"label\",\"chunkRows\":700}}";
    assertSameChunks(csv.toString(), spec, ChunkSpool.SEGMENT_BYTES);
    // segments of 100 rows: each chunk of 700 rows is 7 segments, the last chunk fewer
    assertSameChunks(csv.toString(), spec, 100 * 12 * 4);
  }

  @Test
  void randomDataSetsInEveryFormGiveTheGeneratedBytes() throws IOException {
    // Short decimals of every scale and span (packed in 1 to 4 bytes), numbers no decimal form
    // holds (doubles), missing cells, categorical and non-ASCII text, a label with missing values;
    // chunks and segments of every size.
    SplittableRandom random = new SplittableRandom(11);
    String[] words = {"k0", "k1", "é", "日本", "k2"};
    String[] classes = {"a", "b", "ü"};
    java.util.Set<String> forms = new java.util.TreeSet<>();
    for (int trial = 0; trial < 30; trial++) {
      int numeric = 1 + random.nextInt(4);
      int rows = 1 + random.nextInt(random.nextBoolean() ? 50 : 1500);
      int[] scales = new int[numeric];
      long[] spans = new long[numeric];
      for (int c = 0; c < numeric; c++) {
        scales[c] = random.nextInt(7);
        spans[c] = 1L << random.nextInt(1, 33); // up to 2^32: beyond 31 bits some are doubles
      }
      StringBuilder csv = new StringBuilder();
      for (int c = 0; c < numeric; c++) {
        csv.append('n').append(c).append(',');
      }
      csv.append("kind,label\n");
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < numeric; c++) {
          int kind = random.nextInt(60);
          if (kind == 0) {
            csv.append("NA");
          } else if (kind == 1 && c == 0) {
            csv.append(random.nextGaussian()); // not a short decimal: the chunk goes as doubles
          } else {
            long unscaled = random.nextLong(spans[c]) - spans[c] / 2;
            csv.append(java.math.BigDecimal.valueOf(unscaled, scales[c]).toPlainString());
          }
          csv.append(',');
        }
        csv.append(words[random.nextInt(words.length)]).append(',');
        csv.append(random.nextInt(20) == 0 ? "" : classes[random.nextInt(classes.length)]);
        csv.append('\n');
      }
      int chunkRows = 1 + random.nextInt(random.nextBoolean() ? 20 : 600);
      String spec =
          "{\"name\":\"enc\",\"dataset\":{\"label\":\"label\",\"chunkRows\":"
              + chunkRows
              + ",\"minRows\":1,\"maxInvalidValues\":1000}}";
      int segmentBytes =
          random.nextBoolean()
              ? ChunkSpool.SEGMENT_BYTES
              : 12 * (numeric + 1) * (1 + random.nextInt(64));
      try {
        for (byte[] chunk : assertSameChunks(csv.toString(), spec, segmentBytes)) {
          for (NumericColumn column : RowChunk.parseFrom(chunk).getNumericList()) {
            forms.add(
                column.hasPacked()
                    ? "packed " + column.getPacked().getWidth()
                    : column.getValuesCase().name());
          }
        }
      } catch (AssertionError e) {
        throw new AssertionError(
            "trial " + trial + " (" + rows + " rows in chunks of " + chunkRows + ")", e);
      }
    }
    assertThat(forms).contains("DOUBLES", "packed 1", "packed 2", "packed 3", "packed 4");
  }
}
