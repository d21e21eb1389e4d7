package io.trainyard.cleaning;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.contracts.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 1: folds raw chunks into training statistics, column by column. Only rows of the TRAIN split
 * reach the statistics, so nothing leaks from validation or test into the cleaning plan.
 */
public final class Profiler {

  private final List<String> numericNames = new ArrayList<>();
  private final List<String> categoricalNames = new ArrayList<>();
  private final Map<String, ColumnStats> numeric = new LinkedHashMap<>();
  private final Map<String, CategoryStats> categorical = new LinkedHashMap<>();
  private final ColumnStats[] numericStats;
  private final CategoryStats[] categoricalStats;
  private long rows;
  private long trainRows;
  private long chunks;

  /**
   * @param exactLimit training values per column kept for exact quantiles (t-digest beyond)
   * @param compression t-digest compression
   */
  public Profiler(DatasetSchema schema, int exactLimit, double compression) {
    for (ColumnSchema c : schema.getColumnsList()) {
      if (c.getName().equals(schema.getLabelColumn()) || c.getKind() == ColumnKind.LABEL) {
        continue;
      }
      if (c.getKind() == ColumnKind.NUMERIC) {
        numericNames.add(c.getName());
        numeric.put(c.getName(), new ColumnStats(exactLimit, compression));
      } else if (c.getKind() == ColumnKind.CATEGORICAL) {
        categoricalNames.add(c.getName());
        categorical.put(c.getName(), new CategoryStats());
      }
    }
    numericStats = numeric.values().toArray(ColumnStats[]::new);
    categoricalStats = categorical.values().toArray(CategoryStats[]::new);
  }

  /** What {@link #accept(RowChunk, int, int, Part)} folds in. */
  public enum Part {
    /** Counts, moments, extremes, categorical modes, and the quantile sketches. */
    ALL,
    /** Everything but the quantile sketches. */
    MOMENTS,
    /** The quantile sketches only. */
    QUANTILES
  }

  /** Adds one raw chunk's training rows. */
  public void accept(RowChunk chunk) {
    accept(chunk, 0, 1, Part.ALL);
  }

  /**
   * Adds one raw chunk's training rows to the columns of one stripe: column j belongs to stripe
   * {@code j % stripes}. Each stripe may run on its own thread (a column's statistics are touched
   * by its stripe only, and the sketches apart from the rest when {@code part} says so); rows are
   * counted by stripe 0 of the parts other than {@link Part#QUANTILES}.
   */
  public void accept(RowChunk chunk, int stripe, int stripes, Part part) {
    ChunkColumns.checkRows(chunk);
    NumericColumn[] num = ChunkColumns.numeric(chunk, numericNames);
    int n = chunk.getRowIdsCount();
    boolean[] train = new boolean[n];
    int t = 0;
    for (int i = 0; i < n; i++) {
      if (chunk.getSplitsValue(i) == Split.TRAIN_VALUE) {
        train[i] = true;
        t++;
      }
    }
    for (int j = stripe; j < num.length; j += stripes) {
      fold(num[j], numericStats[j], train, part);
    }
    if (part == Part.QUANTILES) {
      return;
    }
    StringColumn[] cat = ChunkColumns.categorical(chunk, categoricalNames);
    for (int j = stripe; j < cat.length; j += stripes) {
      fold(cat[j], categoricalStats[j], train);
    }
    if (stripe == 0) {
      rows += n;
      trainRows += t;
      chunks++;
    }
  }

  private static void fold(NumericColumn col, ColumnStats s, boolean[] train, Part part) {
    switch (part) {
      case ALL -> {
        for (int i = 0; i < train.length; i++) {
          if (train[i]) {
            s.add(col.getValues(i));
          }
        }
      }
      case MOMENTS -> {
        for (int i = 0; i < train.length; i++) {
          if (train[i]) {
            s.addMoments(col.getValues(i));
          }
        }
      }
      case QUANTILES -> {
        for (int i = 0; i < train.length; i++) {
          if (train[i]) {
            s.addQuantile(col.getValues(i));
          }
        }
      }
    }
  }

  private static void fold(StringColumn col, CategoryStats s, boolean[] train) {
    for (int i = 0; i < train.length; i++) {
      if (train[i]) {
        s.add(col.getValues(i));
      }
    }
  }

  /**
   * Sets each numeric column's quantile sketch to pre-aggregate values within {@code sigmas}
   * standard deviations of the mean into {@code bins} bins (see {@link ColumnStats#binQuantiles}).
   * For sketches fed after the moments are known (pass 2).
   */
  public void binQuantiles(double sigmas, int bins) {
    for (ColumnStats s : numericStats) {
      if (s.count() > 0 && s.stddev() > 0) {
        s.binQuantiles(s.mean() - sigmas * s.stddev(), s.mean() + sigmas * s.stddev(), bins);
      }
    }
  }

  /** True when the cleaning plan reads quantiles (median imputation or IQR outliers). */
  public static boolean planNeedsQuantiles(PipelineSpec.Cleaning spec) {
    return "median".equals(spec.impute()) || "iqr".equals(spec.outliers().method());
  }

  /** Rows seen, all splits. */
  public long rows() {
    return rows;
  }

  public long trainRows() {
    return trainRows;
  }

  public long chunks() {
    return chunks;
  }

  /** Numeric column statistics by name, in schema order. */
  public Map<String, ColumnStats> numeric() {
    return numeric;
  }

  /** Categorical column statistics by name, in schema order. */
  public Map<String, CategoryStats> categorical() {
    return categorical;
  }

  /** The cleaning plan these statistics give under the spec's cleaning section. */
  public CleaningPlan plan(PipelineSpec.Cleaning spec) {
    return CleaningPlan.of(spec, numeric, categorical);
  }
}
