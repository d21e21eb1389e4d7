package io.trainyard.cleaning;

import io.trainyard.contracts.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What cleaning does to every row, fixed from the training statistics before pass 2: per numeric
 * column the imputed value, the outlier bounds and the scaler; per categorical column the imputed
 * value (the training mode).
 *
 * @param numeric numeric columns in schema order
 * @param categorical categorical columns in schema order
 * @param dropOutliers outlier action {@code drop}: training rows outside the bounds are dropped
 *     (rows of other splits are clipped, so evaluation sees every row)
 * @param dropDuplicates drop rows whose features and label repeat an earlier kept row
 */
public record CleaningPlan(
    List<NumericStep> numeric,
    List<CategoricalStep> categorical,
    boolean dropOutliers,
    boolean dropDuplicates) {

  public CleaningPlan {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
  }

  /**
   * What happens to the values of one numeric column: a missing value becomes {@code impute}; a
   * value outside [{@code lower}, {@code upper}] is clipped to the bound (or its training row
   * dropped); then the value becomes {@code (v - center) / scale}.
   *
   * @param stats the column's training statistics, before cleaning
   */
  public record NumericStep(
      String name,
      double impute,
      double lower,
      double upper,
      double center,
      double scale,
      ColumnStats stats) {

    /** Clips to the bounds and scales; {@code v} must not be missing. */
    public double transform(double v) {
      double clipped = v < lower ? lower : (v > upper ? upper : v);
      return (clipped - center) / scale;
    }

    /** True when {@code v} lies outside the bounds (never for a missing value). */
    public boolean outlier(double v) {
      return v < lower || v > upper;
    }
  }

  /**
   * @param mode the training mode, imputed for missing values; empty when no training value exists
   */
  public record CategoricalStep(String name, String mode, CategoryStats stats) {}

  /**
   * Derives the plan from the spec's cleaning section and the training statistics.
   *
   * @param numericStats per numeric column, in schema order
   * @param categoricalStats per categorical column, in schema order
   */
  public static CleaningPlan of(
      PipelineSpec.Cleaning spec,
      Map<String, ColumnStats> numericStats,
      Map<String, CategoryStats> categoricalStats) {
    List<NumericStep> numeric = new ArrayList<>();
    numericStats.forEach((name, s) -> numeric.add(numericStep(spec, name, s)));
    List<CategoricalStep> categorical = new ArrayList<>();
    categoricalStats.forEach((name, s) -> categorical.add(new CategoricalStep(name, s.mode(), s)));
    return new CleaningPlan(
        numeric,
        categorical,
        "drop".equals(spec.outliers().action()) && !"none".equals(spec.outliers().method()),
        spec.dropDuplicates());
  }

  static NumericStep numericStep(PipelineSpec.Cleaning spec, String name, ColumnStats s) {
    if (s.count() == 0) {
      // No training value at all: nothing to learn from; impute 0 and leave values as they are.
      return new NumericStep(
          name, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, 1.0, s);
    }
    double mean = s.mean();
    double std = s.stddev();
    double impute = "median".equals(spec.impute()) ? s.median() : mean;

    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    double t = spec.outliers().threshold();
    switch (spec.outliers().method()) {
      case "zscore" -> {
        lower = mean - t * std;
        upper = mean + t * std;
      }
      case "iqr" -> {
        double q1 = s.q1();
        double q3 = s.q3();
        double iqr = q3 - q1;
        lower = q1 - t * iqr;
        upper = q3 + t * iqr;
      }
      default -> {
        // "none": no bounds
      }
    }

    double center = 0.0;
    double scale = 1.0;
    if ("standard".equals(spec.scale())) {
      center = mean;
      scale = std == 0.0 ? 1.0 : std;
    }
    return new NumericStep(name, impute, lower, upper, center, scale, s);
  }
}
