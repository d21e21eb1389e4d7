package io.trainyard.ingest;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.ingest.scan.ChunkEncoder;
import io.trainyard.ingest.scan.ChunkSpool;
import io.trainyard.ingest.scan.ParallelScan;
import io.trainyard.ingest.scan.Scan;
import io.trainyard.ingest.scan.SpoolMemory;
import io.trainyard.ingest.split.Splitter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs an upload's CPU path (spec parsing, the validating pass with its spool, the split, encoding
 * chunks) over a small synthetic CSV in memory, publishing and storing nothing, so that the JIT has
 * compiled it before the first real upload. Without it the first upload would run its hot loops
 * interpreted while the compiler takes a core. Each round runs twice: as an upload goes, and in
 * small blocks and chunks, so that the methods called once per block or chunk (not only the
 * per-cell loops) are called often enough to be compiled too.
 */
public final class Rehearsal {

  private Rehearsal() {}

  /**
   * Scans, spools and encodes {@code rounds} times a CSV of {@code rows} rows (see {@link
   * #csv(int)}), each time twice: as an upload goes (blocks and chunks of the default sizes), and
   * in small blocks and chunks, so that the methods an upload runs once per block or per chunk
   * (merging a block, starting a segment, encoding a chunk) are called often enough for the JIT to
   * compile them fully before the first real upload rather than during the next few. Returns the
   * chunk bytes made.
   */
  public static long run(int rounds, int rows, java.nio.file.Path spoolDir, SpoolMemory memory) {
    byte[] csv = csv(rows).getBytes(StandardCharsets.UTF_8);
    PipelineSpec spec =
        SpecParser.parse("{\"name\":\"trainyard-warmup\",\"dataset\":{\"label\":\"label\"}}");
    PipelineSpec fine =
        SpecParser.parse(
            "{\"name\":\"trainyard-warmup\",\"dataset\":{\"label\":\"label\",\"chunkRows\":"
                + FINE_CHUNK_ROWS
                + "}}");
    SpecParser.toCanonicalJson(spec);
    DatasetRef ref = DatasetRef.newBuilder().setDatasetId("trainyard-warmup").setVersion(1).build();
    long bytes = 0;
    try {
      for (int round = 0; round < rounds; round++) {
        // The upload's path: blocks parsed on the parser threads, merged on this one.
        bytes += rehearse(csv, spec, ref, spoolDir, memory, new ParallelScan(1000));
        bytes +=
            rehearse(csv, fine, ref, spoolDir, memory, new ParallelScan(1000, FINE_BLOCK_BYTES, 4));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  /** Blocks and chunks of the fine-grained rehearsal. */
  static final int FINE_BLOCK_BYTES = 8 << 10;

  static final int FINE_CHUNK_ROWS = 50;

  private static long rehearse(
      byte[] csv,
      PipelineSpec spec,
      DatasetRef ref,
      java.nio.file.Path spoolDir,
      SpoolMemory memory,
      ParallelScan scanner)
      throws IOException {
    long bytes = 0;
    try (ChunkSpool spool = ChunkSpool.create(spoolDir, memory)) {
      Scan scan = scanner.scan(new ByteArrayInputStream(csv), spec, spool);
      Splitter.Assignment split = Ingestor.check(spec, scan);
      scan.schema();
      ChunkEncoder encoder = new ChunkEncoder(scan, spool, ref, split, spec.dataset().chunkRows());
      for (long k = 0; k < encoder.chunkCount(); k++) {
        bytes += encoder.encode(k).length;
        encoder.eventId(k);
      }
    }
    return bytes;
  }

  /** The synthetic table's feature columns; the label column comes last. */
  static final String[] FEATURES = {
    "count", "amount", "score", "rate", "offset", "colour", "weight", "depth", "share", "size",
    "delta", "drift"
  };

  /** The synthetic table's classes. */
  static final String[] CLASSES = {"alpha", "beta", "gamma"};

  private static final String[] COLOURS = {"red", "green", "blue", "amber", "violet"};
  private static final String[] SIZES = {"XS", "S", "M", "L", "XL"};
  private static final String[] MISSING = {"", "NA", "?"};

  /**
   * A neutral table of {@code rows} rows: numbers in every form a CSV brings them (integers,
   * negative ones, short decimals, full-precision doubles, exponent notation in either case), two
   * categorical columns, about one feature cell in 250 missing, and a label of three classes.
   */
  static String csv(int rows) {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder b = new StringBuilder(rows * FEATURES.length * 10);
    b.append(String.join(",", FEATURES)).append(",label\n");
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < FEATURES.length; f++) {
        if (random.nextInt(250) == 0) {
          b.append(MISSING[random.nextInt(MISSING.length)]);
        } else {
          b.append(cell(f, random));
        }
        b.append(',');
      }
      b.append(CLASSES[random.nextInt(CLASSES.length)]).append('\n');
    }
    return b.toString();
  }

  private static String cell(int feature, SplittableRandom random) {
    return switch (feature) {
      case 0 -> Integer.toString(random.nextInt(100_000));
      case 1 -> String.format(Locale.ROOT, "%.2f", random.nextGaussian() * 250);
      case 2 -> Double.toString(random.nextDouble());
      case 3 -> String.format(Locale.ROOT, "%.3e", random.nextDouble() * 1e-3);
      case 4 -> Integer.toString(-random.nextInt(5_000));
      case 5 -> COLOURS[random.nextInt(COLOURS.length)];
      case 6 -> String.format(Locale.ROOT, "%.1f", 40 + random.nextDouble() * 80);
      case 7 -> Double.toString(random.nextGaussian() * 1e7);
      case 8 -> String.format(Locale.ROOT, "%.5f", random.nextDouble());
      case 9 -> SIZES[random.nextInt(SIZES.length)];
      case 10 -> Integer.toString(random.nextInt(2_001) - 1_000);
      default -> String.format(Locale.ROOT, "%.2E", random.nextGaussian() * 300);
    };
  }
}
