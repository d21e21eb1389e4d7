package io.trainyard.cleaning;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.toolkit.wire.ChunkView;
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
    this(numericColumns(schema), categoricalColumns(schema), exactLimit, compression);
  }

  private Profiler(
      List<String> numericNames,
      List<String> categoricalNames,
      int exactLimit,
      double compression) {
    for (String name : numericNames) {
      this.numericNames.add(name);
      numeric.put(name, new ColumnStats(exactLimit, compression));
    }
    for (String name : categoricalNames) {
      this.categoricalNames.add(name);
      categorical.put(name, new CategoryStats());
    }
    numericStats = numeric.values().toArray(ColumnStats[]::new);
    categoricalStats = categorical.values().toArray(CategoryStats[]::new);
  }

  /**
   * A profiler for the columns a raw chunk carries (numeric and categorical, in the chunk's order,
   * which ingest writes in schema order), for statistics fed before the schema is at hand. Check
   * {@link #hasColumnsOf(DatasetSchema)} before using its plan.
   */
  public static Profiler forColumnsOf(ChunkView chunk, int exactLimit, double compression) {
    List<String> numericNames = new ArrayList<>();
    for (int i = 0; i < chunk.numericCount(); i++) {
      numericNames.add(chunk.numericName(i));
    }
    List<String> categoricalNames = new ArrayList<>();
    for (int i = 0; i < chunk.categoricalCount(); i++) {
      categoricalNames.add(chunk.categoricalName(i));
    }
    return new Profiler(numericNames, categoricalNames, exactLimit, compression);
  }

  /** True when this profiler has exactly the schema's numeric and categorical columns, in order. */
  public boolean hasColumnsOf(DatasetSchema schema) {
    return numericNames.equals(numericColumns(schema))
        && categoricalNames.equals(categoricalColumns(schema));
  }

  /**
   * Lets every numeric column's quantile sketch bin its values once its exact values overflow (see
   * {@link ColumnStats#autoBin}), so that statistics fed in a single pass sketch quantiles with an
   * increment per value rather than a digest insert.
   */
  public void autoBin(double sigmas, int bins) {
    for (ColumnStats s : numericStats) {
      s.autoBin(sigmas, bins);
    }
  }

  /** Numeric feature columns of a schema (the label column excluded), in schema order. */
  static List<String> numericColumns(DatasetSchema schema) {
    return columns(schema, ColumnKind.NUMERIC);
  }

  /** Categorical feature columns of a schema (the label column excluded), in schema order. */
  static List<String> categoricalColumns(DatasetSchema schema) {
    return columns(schema, ColumnKind.CATEGORICAL);
  }

  private static List<String> columns(DatasetSchema schema, ColumnKind kind) {
    List<String> out = new ArrayList<>();
    for (ColumnSchema c : schema.getColumnsList()) {
      if (c.getName().equals(schema.getLabelColumn()) || c.getKind() == ColumnKind.LABEL) {
        continue;
      }
      if (c.getKind() == kind) {
        out.add(c.getName());
      }
    }
    return out;
  }

  /** Adds one raw chunk's training rows. */
  public void accept(RowChunk chunk) {
    accept(ChunkView.of(chunk));
  }

  /** Adds one raw chunk's training rows. */
  public void accept(ChunkView chunk) {
    accept(chunk, 0, 1);
  }

  /**
   * Adds one raw chunk's training rows to the columns of one stripe: column j belongs to stripe
   * {@code j % stripes}. Each stripe may run on its own thread (a column's statistics are touched
   * by its stripe only); rows are counted by stripe 0.
   */
  public void accept(ChunkView chunk, int stripe, int stripes) {
    ChunkColumns.checkRows(chunk);
    double[][] num = ChunkColumns.numeric(chunk, numericNames);
    int n = chunk.rows();
    int[] splits = chunk.splits();
    boolean[] train = new boolean[n];
    int t = 0;
    for (int i = 0; i < n; i++) {
      if (splits[i] == Split.TRAIN_VALUE) {
        train[i] = true;
        t++;
      }
    }
    for (int j = stripe; j < num.length; j += stripes) {
      fold(num[j], numericStats[j], train);
    }
    String[][] cat = ChunkColumns.categorical(chunk, categoricalNames);
    for (int j = stripe; j < cat.length; j += stripes) {
      fold(cat[j], categoricalStats[j], train);
    }
    if (stripe == 0) {
      rows += n;
      trainRows += t;
      chunks++;
    }
  }

  private static void fold(double[] col, ColumnStats s, boolean[] train) {
    s.addAll(col, train, train.length);
  }

  private static void fold(String[] col, CategoryStats s, boolean[] train) {
    for (int i = 0; i < train.length; i++) {
      if (train[i]) {
        s.add(col[i]);
      }
    }
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
