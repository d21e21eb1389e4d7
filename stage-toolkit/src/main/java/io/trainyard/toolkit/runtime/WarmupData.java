package io.trainyard.toolkit.runtime;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.FloatValues;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.toolkit.wire.Decimals;
import java.util.List;
import java.util.Random;

/**
 * The synthetic data set the stages rehearse on at start ({@link Warmups}): numeric columns of
 * different scales, categorical columns of a few values, a label of three classes, splits at
 * random. Deliberately not shaped after any particular workload; it only has to send the hot paths
 * through the JIT.
 */
public final class WarmupData {

  public static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("trainyard-warmup").setVersion(1).build();
  public static final String LABEL = "class";
  public static final List<String> CLASSES = List.of("p", "q", "r");
  public static final List<String> CATEGORIES = List.of("k", "l", "m", "n");
  public static final int NUMERIC = 6;
  public static final int CATEGORICAL = 3;

  /** A spec with this data set's label column, as JSON. */
  public static final String SPEC_JSON =
      "{\"name\":\"trainyard-warmup\",\"dataset\":{\"label\":\"" + LABEL + "\"}}";

  private WarmupData() {}

  /** The schema: numeric n0.., categorical k0.. (with their categories), the label. */
  public static DatasetSchema schema() {
    DatasetSchema.Builder b = DatasetSchema.newBuilder().setLabelColumn(LABEL);
    for (int j = 0; j < NUMERIC; j++) {
      b.addColumnsBuilder().setName("n" + j).setKind(ColumnKind.NUMERIC);
    }
    for (int j = 0; j < CATEGORICAL; j++) {
      b.addColumnsBuilder()
          .setName("k" + j)
          .setKind(ColumnKind.CATEGORICAL)
          .addAllCategories(CATEGORIES);
    }
    b.addColumnsBuilder().setName(LABEL).setKind(ColumnKind.LABEL).addAllCategories(CLASSES);
    return b.build();
  }

  /**
   * A chunk of {@code rows} rows; with {@code missing}, about one numeric value in 40 is NaN and
   * one categorical value in 30 is empty, numbers are short decimals in the packed decimal form (a
   * raw chunk), else none is missing and numbers are floats (a cleaned one).
   */
  public static RowChunk chunk(int rows, boolean missing) {
    Random random = new Random(1);
    // Row ids and labels as ingest publishes them: a run of ids, indexes into the chunk's names.
    RowChunk.Builder b = RowChunk.newBuilder().setDataset(REF).addAllLabelNames(CLASSES);
    b.getConsecutiveBuilder().setFirst(1).setCount(rows);
    for (int i = 0; i < rows; i++) {
      b.addSplits(Split.forNumber(1 + random.nextInt(3)))
          .addLabelIndexes(random.nextInt(CLASSES.size()));
    }
    for (int j = 0; j < NUMERIC; j++) {
      double scale = Math.pow(10, j % 4);
      double[] values = new double[rows];
      for (int i = 0; i < rows; i++) {
        boolean gap = missing && random.nextInt(40) == 0;
        double v = scale * random.nextGaussian();
        // Raw numbers as a CSV holds them (three decimals), cleaned ones as any computed number.
        values[i] = gap ? Double.NaN : missing ? Math.round(v * 1000) / 1000.0 : v;
      }
      if (missing) {
        // In the forms the stages meet: ingest's decimals, cleaning's floats.
        b.addNumeric(Decimals.column("n" + j, values, 0, rows));
      } else {
        FloatValues.Builder col = FloatValues.newBuilder();
        for (double v : values) {
          col.addValues((float) v);
        }
        b.addNumeric(NumericColumn.newBuilder().setName("n" + j).setFloats(col));
      }
    }
    for (int j = 0; j < CATEGORICAL; j++) {
      StringColumn.Builder col = StringColumn.newBuilder().setName("k" + j);
      for (int i = 0; i < rows; i++) {
        boolean gap = missing && random.nextInt(30) == 0;
        col.addValues(gap ? "" : CATEGORIES.get(random.nextInt(CATEGORIES.size())));
      }
      b.addCategorical(col);
    }
    return b.build();
  }
}
