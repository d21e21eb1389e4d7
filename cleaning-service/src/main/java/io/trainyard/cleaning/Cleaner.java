package io.trainyard.cleaning;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.toolkit.wire.ChunkView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Pass 2: applies a {@link CleaningPlan} to raw chunks, one column at a time, and counts what it
 * changed. Per chunk, in this order:
 *
 * <ol>
 *   <li>outliers with action {@code drop}: a TRAIN row with any numeric value outside its column's
 *       bounds is dropped (validation and test rows are clipped instead, below);
 *   <li>duplicates (when enabled): a row whose raw numeric values, categorical values and label all
 *       equal those of an earlier kept row (any split) is dropped;
 *   <li>every kept row: a missing numeric value becomes the column's imputed value, other values
 *       are clipped to the bounds, then scaled; a missing categorical value becomes the training
 *       mode.
 * </ol>
 *
 * Labels, row ids and splits pass through unchanged.
 *
 * <p>One thread at a time: the counters and the cleaned columns' buffers are the cleaner's own (the
 * buffers are reused from chunk to chunk: a chunk's cleaned values are copied into its wire bytes
 * before the next chunk is cleaned).
 */
public final class Cleaner {

  private final CleaningPlan plan;
  private final List<String> numericNames;
  private final List<String> categoricalNames;
  private final CleaningPlan.NumericStep[] steps;
  private final String[] modes;
  private final LongHashSet seen;

  private final long[] imputed;
  private final long[] clipped;
  private final long[] outliersDropped;
  private final long[] categoricalImputed;
  private final long[] splitCounts = new long[4];
  private long rowsIn;
  private long rowsOut;
  private long outlierRowsDropped;
  private long duplicatesDropped;
  private long valuesImputed;
  private long valuesClipped;

  /**
   * Per numeric column, the cleaned values of the current chunk (at least as long as its rows), at
   * the precision they travel in (ADR 0005).
   */
  private final float[][] cleanedColumns;

  /**
   * @param expectedRows a size hint for the duplicate set
   */
  public Cleaner(CleaningPlan plan, long expectedRows) {
    this.plan = plan;
    this.steps = plan.numeric().toArray(CleaningPlan.NumericStep[]::new);
    this.numericNames = plan.numeric().stream().map(CleaningPlan.NumericStep::name).toList();
    this.categoricalNames =
        plan.categorical().stream().map(CleaningPlan.CategoricalStep::name).toList();
    this.modes =
        plan.categorical().stream().map(CleaningPlan.CategoricalStep::mode).toArray(String[]::new);
    this.seen =
        plan.dropDuplicates() ? new LongHashSet((int) Math.min(expectedRows, 1 << 28)) : null;
    this.imputed = new long[steps.length];
    this.clipped = new long[steps.length];
    this.outliersDropped = new long[steps.length];
    this.categoricalImputed = new long[modes.length];
    this.cleanedColumns = new float[steps.length][];
  }

  /**
   * The deterministic event id of a cleaned chunk, so that cleaning a version again (a redelivered
   * event) sends the same ids.
   */
  public static String chunkEventId(String datasetId, int version, long chunkIndex) {
    return UUID.nameUUIDFromBytes(
            ("trainyard-cleaning:" + datasetId + ":" + version + ":" + chunkIndex)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** A cleaned chunk in wire format, with its event id. */
  public record Cleaned(String eventId, byte[] bytes) {}

  /**
   * Cleans one raw chunk (as a message; the stage works on {@link ChunkView}s).
   *
   * @return the cleaned chunk, or null when every row of it was dropped
   */
  public RowChunk clean(RowChunk raw) {
    Cleaned cleaned = clean(ChunkView.of(raw));
    try {
      return cleaned == null ? null : RowChunk.parseFrom(cleaned.bytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Cleans one raw chunk.
   *
   * @return the cleaned chunk in wire format, or null when every row of it was dropped
   */
  public Cleaned clean(ChunkView raw) {
    ChunkColumns.checkRows(raw);
    double[][] num = ChunkColumns.numeric(raw, numericNames);
    String[][] cat = ChunkColumns.categorical(raw, categoricalNames);
    int n = raw.rows();
    int[] split = raw.splits();
    boolean[] drop = new boolean[n];
    int dropped = 0;

    if (plan.dropOutliers()) {
      for (int j = 0; j < steps.length; j++) {
        dropped += markOutliers(j, num[j], split, drop);
      }
    }
    if (seen != null) {
      dropped += markDuplicates(raw, num, cat, drop);
    }

    rowsIn += n;
    int kept = n - dropped;
    rowsOut += kept;
    if (kept == 0) {
      return null;
    }

    long[] rowIds = raw.rowIds();
    int[] splits = split;
    String[] labelNames = new String[0];
    int[] labelIndexes = new int[0];
    if (dropped > 0) {
      long[] allIds = raw.rowIds();
      int[] allIndexes = raw.labelIndexes();
      boolean labelled = allIndexes.length == n;
      rowIds = new long[kept];
      splits = new int[kept];
      // The kept rows' indexes into the raw chunk's label names, which go on as they are.
      if (labelled) {
        labelNames = raw.labelNames();
        labelIndexes = new int[kept];
      }
      for (int i = 0, m = 0; i < n; i++) {
        if (!drop[i]) {
          rowIds[m] = allIds[i];
          splits[m] = split[i];
          if (labelled) {
            labelIndexes[m] = allIndexes[i];
          }
          m++;
        }
      }
    }
    for (int i = 0; i < kept; i++) {
      splitCounts[splitIndex(splits[i])]++;
    }
    float[][] outNum = new float[steps.length][];
    for (int j = 0; j < steps.length; j++) {
      outNum[j] = cleanNumeric(j, num[j], drop, kept);
    }
    String[][] outCat = new String[cat.length][];
    for (int j = 0; j < cat.length; j++) {
      outCat[j] = cleanText(j, cat[j], drop, kept);
    }
    String eventId =
        chunkEventId(raw.dataset().getDatasetId(), raw.dataset().getVersion(), raw.chunkIndex());
    return new Cleaned(
        eventId,
        ChunkWire.encode(
            eventId,
            raw.dataset(),
            raw.chunkIndex(),
            rowIds,
            splits,
            numericNames,
            outNum,
            categoricalNames,
            outCat,
            labelNames,
            labelIndexes,
            kept,
            dropped == 0 ? raw : null));
  }

  /** Marks TRAIN rows with a value of column j outside its bounds; returns rows newly marked. */
  private int markOutliers(int j, double[] col, int[] split, boolean[] drop) {
    CleaningPlan.NumericStep step = steps[j];
    int marked = 0;
    for (int i = 0; i < split.length; i++) {
      if (split[i] == Split.TRAIN_VALUE && step.outlier(col[i])) {
        outliersDropped[j]++;
        if (!drop[i]) {
          drop[i] = true;
          marked++;
        }
      }
    }
    outlierRowsDropped += marked;
    return marked;
  }

  /** Marks rows that repeat an earlier kept row; returns rows newly marked. */
  private int markDuplicates(ChunkView raw, double[][] num, String[][] cat, boolean[] drop) {
    int n = drop.length;
    long[] h = new long[n];
    Arrays.fill(h, RowHasher.SEED);
    for (double[] col : num) {
      for (int i = 0; i < n; i++) {
        h[i] = RowHasher.mix(h[i], col[i]);
      }
    }
    for (String[] col : cat) {
      for (int i = 0; i < n; i++) {
        h[i] = RowHasher.mix(h[i], col[i]);
      }
    }
    String[] labels = raw.labels();
    boolean labelled = labels.length == n;
    int marked = 0;
    for (int i = 0; i < n; i++) {
      long row = RowHasher.fmix64(labelled ? RowHasher.mix(h[i], labels[i]) : h[i]);
      if (!drop[i] && !seen.add(row)) {
        drop[i] = true;
        marked++;
      }
    }
    duplicatesDropped += marked;
    return marked;
  }

  /**
   * Imputes, clips and scales the kept values of numeric column j, computed in double and kept as
   * the floats they travel as.
   */
  private float[] cleanNumeric(int j, double[] col, boolean[] drop, int kept) {
    CleaningPlan.NumericStep step = steps[j];
    float[] values = cleanedColumns[j];
    if (values == null || values.length < kept) {
      values = cleanedColumns[j] = new float[kept];
    }
    int m = 0;
    long imp = 0;
    long clip = 0;
    for (int i = 0; i < col.length; i++) {
      if (drop[i]) {
        continue;
      }
      double v = col[i];
      if (Double.isNaN(v)) {
        v = step.impute();
        imp++;
      } else if (step.outlier(v)) {
        clip++;
      }
      values[m++] = (float) step.transform(v);
    }
    imputed[j] += imp;
    clipped[j] += clip;
    valuesImputed += imp;
    valuesClipped += clip;
    return values;
  }

  /** Imputes the training mode into the kept missing values of categorical column j. */
  private String[] cleanText(int j, String[] col, boolean[] drop, int kept) {
    String mode = modes[j];
    String[] out = new String[kept];
    int m = 0;
    long imp = 0;
    for (int i = 0; i < col.length; i++) {
      if (drop[i]) {
        continue;
      }
      String v = col[i];
      if (v.isEmpty() && !mode.isEmpty()) {
        v = mode;
        imp++;
      }
      out[m++] = v;
    }
    categoricalImputed[j] += imp;
    valuesImputed += imp;
    return out;
  }

  private static int splitIndex(int split) {
    return split >= 0 && split <= Split.TEST_VALUE ? split : Split.SPLIT_UNSPECIFIED_VALUE;
  }

  public long rowsIn() {
    return rowsIn;
  }

  public long rowsOut() {
    return rowsOut;
  }

  /** Rows dropped for any reason (outliers and duplicates). */
  public long rowsDropped() {
    return rowsIn - rowsOut;
  }

  public long outlierRowsDropped() {
    return outlierRowsDropped;
  }

  public long duplicatesDropped() {
    return duplicatesDropped;
  }

  /** Numeric and categorical values imputed, over kept rows. */
  public long valuesImputed() {
    return valuesImputed;
  }

  /** Numeric values clipped to their bounds, over kept rows. */
  public long valuesClipped() {
    return valuesClipped;
  }

  /** Kept rows per split. */
  public SplitCounts splitCounts() {
    return SplitCounts.newBuilder()
        .setTrain(splitCounts[Split.TRAIN_VALUE])
        .setValidation(splitCounts[Split.VALIDATION_VALUE])
        .setTest(splitCounts[Split.TEST_VALUE])
        .build();
  }

  /**
   * One profile per column, numeric columns first then categorical ones (schema order within each):
   * training statistics before cleaning, and what cleaning changed. Categorical columns carry
   * counts only (their numeric statistics are 0).
   */
  public List<ColumnProfile> profiles() {
    List<ColumnProfile> out = new ArrayList<>();
    for (int j = 0; j < steps.length; j++) {
      ColumnStats s = steps[j].stats();
      out.add(
          ColumnProfile.newBuilder()
              .setName(steps[j].name())
              .setCount(s.count())
              .setMissing(s.missing())
              .setMean(s.mean())
              .setStddev(s.stddev())
              .setMin(s.min())
              .setMax(s.max())
              .setMedian(s.median())
              .setQ1(s.q1())
              .setQ3(s.q3())
              .setImputed(imputed[j])
              .setOutliersClipped(clipped[j])
              .setOutliersDropped(outliersDropped[j])
              .build());
    }
    for (int j = 0; j < modes.length; j++) {
      CategoryStats s = plan.categorical().get(j).stats();
      out.add(
          ColumnProfile.newBuilder()
              .setName(categoricalNames.get(j))
              .setCount(s.count())
              .setMissing(s.missing())
              .setImputed(categoricalImputed[j])
              .build());
    }
    return out;
  }
}
