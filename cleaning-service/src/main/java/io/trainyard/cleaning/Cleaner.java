package io.trainyard.cleaning;

import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.contracts.events.v1.StringColumn;
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
  }

  /** The deterministic event id of a cleaned chunk, so a redone run sends the same ids. */
  public static String chunkEventId(String datasetId, int version, long chunkIndex) {
    return UUID.nameUUIDFromBytes(
            ("trainyard-cleaning:" + datasetId + ":" + version + ":" + chunkIndex)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Cleans one raw chunk.
   *
   * @return the cleaned chunk, or null when every row of it was dropped
   */
  public RowChunk clean(RowChunk raw) {
    ChunkColumns.checkRows(raw);
    NumericColumn[] num = ChunkColumns.numeric(raw, numericNames);
    StringColumn[] cat = ChunkColumns.categorical(raw, categoricalNames);
    int n = raw.getRowIdsCount();
    int[] split = splits(raw);
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

    RowChunk.Builder out =
        RowChunk.newBuilder()
            .setEventId(
                chunkEventId(
                    raw.getDataset().getDatasetId(),
                    raw.getDataset().getVersion(),
                    raw.getChunkIndex()))
            .setDataset(raw.getDataset())
            .setChunkIndex(raw.getChunkIndex());
    copyRows(raw, split, drop, dropped, out);
    for (int j = 0; j < steps.length; j++) {
      out.addNumeric(cleanNumeric(j, num[j], drop, dropped));
    }
    for (int j = 0; j < cat.length; j++) {
      out.addCategorical(cleanText(j, cat[j], drop));
    }
    return out.build();
  }

  private static int[] splits(RowChunk raw) {
    int n = raw.getSplitsCount();
    int[] split = new int[n];
    for (int i = 0; i < n; i++) {
      split[i] = raw.getSplitsValue(i);
    }
    return split;
  }

  /** Marks TRAIN rows with a value of column j outside its bounds; returns rows newly marked. */
  private int markOutliers(int j, NumericColumn col, int[] split, boolean[] drop) {
    CleaningPlan.NumericStep step = steps[j];
    int marked = 0;
    for (int i = 0; i < split.length; i++) {
      if (split[i] == Split.TRAIN_VALUE && step.outlier(col.getValues(i))) {
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
  private int markDuplicates(
      RowChunk raw, NumericColumn[] num, StringColumn[] cat, boolean[] drop) {
    int n = drop.length;
    long[] h = new long[n];
    Arrays.fill(h, RowHasher.SEED);
    for (NumericColumn col : num) {
      hashNumeric(h, col);
    }
    for (StringColumn col : cat) {
      hashText(h, col);
    }
    boolean labels = raw.getLabelsCount() == n;
    int marked = 0;
    for (int i = 0; i < n; i++) {
      long row = RowHasher.fmix64(labels ? RowHasher.mix(h[i], raw.getLabels(i)) : h[i]);
      if (!drop[i] && !seen.add(row)) {
        drop[i] = true;
        marked++;
      }
    }
    duplicatesDropped += marked;
    return marked;
  }

  private static void hashNumeric(long[] h, NumericColumn col) {
    for (int i = 0; i < h.length; i++) {
      h[i] = RowHasher.mix(h[i], col.getValues(i));
    }
  }

  private static void hashText(long[] h, StringColumn col) {
    for (int i = 0; i < h.length; i++) {
      h[i] = RowHasher.mix(h[i], col.getValues(i));
    }
  }

  /** Row ids, splits and labels of the kept rows; counts kept rows per split. */
  private void copyRows(
      RowChunk raw, int[] split, boolean[] drop, int dropped, RowChunk.Builder out) {
    int n = split.length;
    if (dropped == 0) {
      out.addAllRowIds(raw.getRowIdsList())
          .addAllSplitsValue(raw.getSplitsValueList())
          .addAllLabels(raw.getLabelsList());
      for (int i = 0; i < n; i++) {
        splitCounts[splitIndex(split[i])]++;
      }
      return;
    }
    boolean labels = raw.getLabelsCount() == n;
    for (int i = 0; i < n; i++) {
      if (!drop[i]) {
        out.addRowIds(raw.getRowIds(i)).addSplitsValue(split[i]);
        if (labels) {
          out.addLabels(raw.getLabels(i));
        }
        splitCounts[splitIndex(split[i])]++;
      }
    }
  }

  /** Imputes, clips and scales the kept values of numeric column j. */
  private NumericColumn.Builder cleanNumeric(
      int j, NumericColumn col, boolean[] drop, int dropped) {
    CleaningPlan.NumericStep step = steps[j];
    int n = drop.length;
    double[] values = new double[n];
    int m = 0;
    long imp = 0;
    long clip = 0;
    for (int i = 0; i < n; i++) {
      if (drop[i]) {
        continue;
      }
      double v = col.getValues(i);
      if (Double.isNaN(v)) {
        v = step.impute();
        imp++;
      } else if (step.outlier(v)) {
        clip++;
      }
      values[m++] = step.transform(v);
    }
    imputed[j] += imp;
    clipped[j] += clip;
    valuesImputed += imp;
    valuesClipped += clip;
    NumericColumn.Builder b;
    if (dropped == 0) {
      // Replace in place in a copy of the raw column: one array copy, not a growing list.
      b = col.toBuilder();
      for (int i = 0; i < m; i++) {
        b.setValues(i, values[i]);
      }
    } else {
      b = NumericColumn.newBuilder().setName(step.name());
      for (int i = 0; i < m; i++) {
        b.addValues(values[i]);
      }
    }
    return b;
  }

  /** Imputes the training mode into the kept missing values of categorical column j. */
  private StringColumn.Builder cleanText(int j, StringColumn col, boolean[] drop) {
    String mode = modes[j];
    StringColumn.Builder b = StringColumn.newBuilder().setName(categoricalNames.get(j));
    long imp = 0;
    for (int i = 0; i < drop.length; i++) {
      if (drop[i]) {
        continue;
      }
      String v = col.getValues(i);
      if (v.isEmpty() && !mode.isEmpty()) {
        v = mode;
        imp++;
      }
      b.addValues(v);
    }
    categoricalImputed[j] += imp;
    valuesImputed += imp;
    return b;
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
