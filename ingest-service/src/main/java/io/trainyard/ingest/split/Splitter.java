package io.trainyard.ingest.split;

import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.spec.PipelineSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Assigns every row to train, validation or test, once, by a stable hash of its id: the first 8
 * bytes (big-endian, unsigned) of SHA-256 of {@code "<dataset_id>:<row_id>"}. The same row of the
 * same data set lands in the same split on every upload and every machine.
 *
 * <p>Stratified (a label column and {@code split.stratify}): within each label (unlabeled rows are
 * a group of their own) the rows are ordered by hash (then row id) and cut at {@code round(n ·
 * train)} and {@code round(n · (train + validation))}, rounding halves up in exact decimal
 * arithmetic, so each label's share is the same in every split up to one row. Otherwise each row
 * goes by {@code u = hash / 2^64} against the cumulative fractions.
 */
public final class Splitter {

  /** Split numbers as in the proto enum. */
  public static final byte TRAIN = (byte) Split.TRAIN_VALUE;

  public static final byte VALIDATION = (byte) Split.VALIDATION_VALUE;
  public static final byte TEST = (byte) Split.TEST_VALUE;

  private Splitter() {}

  /** Hashes row ids of one data set; not thread-safe. */
  public static final class RowHasher {
    private final MessageDigest sha;

    /** The message: the data set id and a colon, then the row id's digits. */
    private final byte[] message;

    private final int prefix;
    private final byte[] digest = new byte[32];

    public RowHasher(String datasetId) {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      byte[] p = (datasetId + ":").getBytes(StandardCharsets.UTF_8);
      prefix = p.length;
      message = Arrays.copyOf(p, p.length + 20); // a long has at most 19 digits and a sign
    }

    /** The row's hash, to be read as an unsigned 64-bit number. */
    public long hash(long rowId) {
      int digits = 1;
      for (long v = rowId / 10; v != 0; v /= 10) {
        digits++;
      }
      int end = prefix + digits + (rowId < 0 ? 1 : 0);
      int at = end;
      long v = rowId;
      do {
        message[--at] = (byte) ('0' + Math.abs(v % 10));
        v /= 10;
      } while (v != 0);
      if (rowId < 0) {
        message[--at] = '-';
      }
      // One update and a digest into a kept array: the same bytes as Long.toString's, hashed with
      // no array made per row.
      sha.update(message, 0, end);
      try {
        sha.digest(digest, 0, digest.length);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (digest[i] & 0xff);
      }
      return h;
    }
  }

  /** The hash of one row id of one data set (unsigned 64-bit). */
  public static long rowHash(String datasetId, long rowId) {
    return new RowHasher(datasetId).hash(rowId);
  }

  /** Rows per split. */
  public record Counts(long train, long validation, long test) {
    public long total() {
      return train + validation + test;
    }
  }

  /** The split of every row and how many went where. */
  public record Assignment(byte[] splits, Counts counts) {
    /** The split of row {@code rowId} (1-based). */
    public Split split(long rowId) {
      return Split.forNumber(splits[(int) (rowId - 1)]);
    }
  }

  /**
   * Assigns rows 1..{@code rows} of {@code datasetId}.
   *
   * @param labels per row (0-based), a group index in [0, groups) or -1 (a group of its own); null
   *     for an unstratified split
   */
  public static Assignment assign(
      String datasetId, int rows, int[] labels, int groups, PipelineSpec.Split fractions) {
    long[] hashes = hashes(datasetId, rows);
    byte[] splits =
        labels == null
            ? byFraction(hashes, fractions)
            : stratified(hashes, labels, groups, fractions);
    long[] counts = new long[4];
    for (byte s : splits) {
      counts[s]++;
    }
    return new Assignment(splits, new Counts(counts[TRAIN], counts[VALIDATION], counts[TEST]));
  }

  /** Rows hashed per task when the hashing is spread over the cores. */
  private static final int HASH_SLICE = 1 << 16;

  /**
   * The hashes of rows 1..{@code rows}, index r for row r + 1. Large data sets are hashed in slices
   * on all cores (the caller's thread and the common pool): a SHA-256 per row is the bulk of the
   * work between the scan and the first chunk, and nothing else runs then.
   */
  static long[] hashes(String datasetId, int rows) {
    long[] hashes = new long[rows];
    int slices = (rows + HASH_SLICE - 1) / HASH_SLICE;
    IntStream stream = IntStream.range(0, slices);
    if (slices > 1) {
      stream = stream.parallel();
    }
    stream.forEach(
        slice -> {
          RowHasher hasher = new RowHasher(datasetId);
          int end = Math.min(rows, (slice + 1) * HASH_SLICE);
          for (int r = slice * HASH_SLICE; r < end; r++) {
            hashes[r] = hasher.hash(r + 1L);
          }
        });
    return hashes;
  }

  /** Unstratified: u = hash / 2^64 against the cumulative fractions. */
  static byte[] byFraction(long[] hashes, PipelineSpec.Split fractions) {
    BigDecimal train = decimal(fractions.train());
    BigDecimal trainVal = train.add(decimal(fractions.validation()));
    long t1 = threshold(train);
    long t2 = threshold(trainVal);
    byte[] out = new byte[hashes.length];
    for (int r = 0; r < hashes.length; r++) {
      long h = hashes[r];
      out[r] =
          Long.compareUnsigned(h, t1) < 0
              ? TRAIN
              : Long.compareUnsigned(h, t2) < 0 ? VALIDATION : TEST;
    }
    return out;
  }

  /** floor(f · 2^64) as an unsigned long (f < 1). */
  private static long threshold(BigDecimal f) {
    BigInteger t = f.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(64))).toBigInteger();
    return t.longValue(); // low 64 bits = the unsigned value, as f < 1
  }

  /** Stratified: per group, order by (hash, row id) and cut at the rounded fractions. */
  static byte[] stratified(long[] hashes, int[] labels, int groups, PipelineSpec.Split fractions) {
    int rows = hashes.length;
    // Group -1 (unlabeled) becomes group `groups`.
    int[] sizes = new int[groups + 1];
    for (int r = 0; r < rows; r++) {
      sizes[group(labels[r], groups)]++;
    }
    // Per group: sorted keys (hash with the sign bit flipped, so signed order = unsigned order).
    long[][] keys = new long[groups + 1][];
    int[] filled = new int[groups + 1];
    for (int g = 0; g <= groups; g++) {
      keys[g] = new long[sizes[g]];
    }
    for (int r = 0; r < rows; r++) {
      int g = group(labels[r], groups);
      keys[g][filled[g]++] = hashes[r] ^ Long.MIN_VALUE;
    }
    BigDecimal train = decimal(fractions.train());
    BigDecimal trainVal = train.add(decimal(fractions.validation()));
    Cut[] cut1 = new Cut[groups + 1];
    Cut[] cut2 = new Cut[groups + 1];
    for (int g = 0; g <= groups; g++) {
      long[] k = keys[g];
      int n = k.length;
      int c1 = round(n, train);
      int c2 = Math.max(c1, round(n, trainVal));
      // Only the keys at the two ranks matter, not the whole order: select them (linear time)
      // rather than sort. Selecting c1 leaves everything from c1 on at or above it, so c2 is
      // selected among those.
      cut1[g] = Cut.at(k, 0, c1);
      cut2[g] = Cut.at(k, c1, c2);
      keys[g] = null;
    }
    byte[] out = new byte[rows];
    for (int r = 0; r < rows; r++) {
      int g = group(labels[r], groups);
      long key = hashes[r] ^ Long.MIN_VALUE;
      // Both cuts see every row, so each counts the colliding rows it has passed.
      boolean belowFirst = cut1[g].below(key);
      boolean belowSecond = cut2[g].below(key);
      out[r] = belowFirst ? TRAIN : belowSecond ? VALIDATION : TEST;
    }
    return out;
  }

  /**
   * The cut of one group at rank {@code rank} of its sorted keys. Rows with the cut's key (a 64-bit
   * hash collision) rank by row id, so the first {@code equalBelow} of them seen in row order are
   * below it.
   */
  private static final class Cut {
    private final boolean all;
    private final long key;
    private final int equalBelow;
    private int equalSeen;

    private Cut(boolean all, long key, int equalBelow) {
      this.all = all;
      this.key = key;
      this.equalBelow = equalBelow;
    }

    /**
     * The cut at {@code rank} of {@code keys}, whose entries before {@code from} are already all at
     * or below the rest (as a previous cut's selection leaves them). Reorders the keys.
     */
    static Cut at(long[] keys, int from, int rank) {
      if (rank >= keys.length) {
        return new Cut(true, 0, 0);
      }
      long key = Selection.select(keys, from, keys.length, rank);
      // Keys equal to the cut's key that rank before it: all of them, less those above rank.
      int less = 0;
      for (long k : keys) {
        if (k < key) {
          less++;
        }
      }
      return new Cut(false, key, rank - less);
    }

    /** Whether a key, visited in row-id order, ranks below the cut. */
    boolean below(long k) {
      if (all || k < key) {
        return true;
      }
      if (k > key) {
        return false;
      }
      return equalSeen++ < equalBelow;
    }
  }

  private static int group(int label, int groups) {
    return label < 0 ? groups : label;
  }

  /** round(n · f), halves up, in exact decimal arithmetic. */
  static int round(int n, BigDecimal f) {
    return new BigDecimal(n).multiply(f).setScale(0, RoundingMode.HALF_UP).intValueExact();
  }

  /** The decimal the double was written as (0.7, not 0.6999999999999999555910790149937). */
  static BigDecimal decimal(double d) {
    return new BigDecimal(Double.toString(d));
  }
}
