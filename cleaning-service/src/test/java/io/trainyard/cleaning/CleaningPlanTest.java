package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.contracts.spec.PipelineSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleaningPlanTest {

  /** 2,4,4,4,5,5,7,9: mean 5, std 2, median 4.5, q1 4, q3 5.5. */
  private static ColumnStats classic() {
    ColumnStats s = new ColumnStats(100, 100);
    for (double v : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
      s.add(v);
    }
    return s;
  }

  private static CleaningPlan.NumericStep step(PipelineSpec.Cleaning spec, ColumnStats s) {
    Map<String, ColumnStats> numeric = new LinkedHashMap<>();
    numeric.put("x", s);
    return CleaningPlan.of(spec, numeric, Map.of()).numeric().get(0);
  }

  @Test
  void zscoreBoundsAreMeanPlusMinusThresholdStd() {
    var spec =
        new PipelineSpec.Cleaning(
            "mean", new PipelineSpec.Outliers("zscore", 1.5, "clip"), "standard", false);
    var step = step(spec, classic());
    // 5 -/+ 1.5 * 2
    assertThat(step.lower()).isCloseTo(2.0, within(1e-12));
    assertThat(step.upper()).isCloseTo(8.0, within(1e-12));
    assertThat(step.impute()).isCloseTo(5.0, within(1e-12));
    assertThat(step.center()).isCloseTo(5.0, within(1e-12));
    assertThat(step.scale()).isCloseTo(2.0, within(1e-12));
    // 9 -> clipped to 8 -> (8 - 5) / 2; 4 -> (4 - 5) / 2.
    assertThat(step.transform(9)).isCloseTo(1.5, within(1e-12));
    assertThat(step.transform(4)).isCloseTo(-0.5, within(1e-12));
    assertThat(step.outlier(9)).isTrue();
    assertThat(step.outlier(8)).isFalse();
    assertThat(step.outlier(Double.NaN)).isFalse();
  }

  @Test
  void iqrBoundsAndMedianImputation() {
    var spec =
        new PipelineSpec.Cleaning(
            "median", new PipelineSpec.Outliers("iqr", 1.5, "drop"), "standard", false);
    var step = step(spec, classic());
    // IQR = 5.5 - 4 = 1.5: [4 - 2.25, 5.5 + 2.25]
    assertThat(step.lower()).isCloseTo(1.75, within(1e-12));
    assertThat(step.upper()).isCloseTo(7.75, within(1e-12));
    assertThat(step.impute()).isCloseTo(4.5, within(1e-12));
  }

  @Test
  void defaultThresholdsFollowTheMethod() {
    // zscore default 3: 5 -/+ 6; iqr default 1.5.
    var z = step(new PipelineSpec.Cleaning(null, null, null, null), classic());
    assertThat(z.lower()).isCloseTo(-1.0, within(1e-12));
    assertThat(z.upper()).isCloseTo(11.0, within(1e-12));
    var iqr =
        step(
            new PipelineSpec.Cleaning(
                null, new PipelineSpec.Outliers("iqr", null, null), null, null),
            classic());
    assertThat(iqr.upper()).isCloseTo(7.75, within(1e-12));
  }

  @Test
  void noScalingNoOutliersLeavesValuesAlone() {
    var spec =
        new PipelineSpec.Cleaning(
            "mean", new PipelineSpec.Outliers("none", null, "drop"), "none", false);
    Map<String, ColumnStats> numeric = Map.of("x", classic());
    CleaningPlan plan = CleaningPlan.of(spec, numeric, Map.of());
    var step = plan.numeric().get(0);
    assertThat(step.transform(1000)).isEqualTo(1000.0);
    assertThat(step.transform(-3.25)).isEqualTo(-3.25);
    assertThat(plan.dropOutliers()).isFalse();
  }

  @Test
  void constantColumnScalesByOne() {
    ColumnStats s = new ColumnStats(100, 100);
    s.add(3);
    s.add(3);
    var spec =
        new PipelineSpec.Cleaning(
            "mean", new PipelineSpec.Outliers("none", null, null), "standard", false);
    var step = step(spec, s);
    assertThat(step.scale()).isEqualTo(1.0);
    assertThat(step.transform(3)).isEqualTo(0.0);
    assertThat(step.transform(4.5)).isEqualTo(1.5);
  }

  @Test
  void columnWithoutTrainingValuesImputesZeroAndKeepsValues() {
    ColumnStats s = new ColumnStats(100, 100);
    s.add(Double.NaN);
    var step = step(new PipelineSpec.Cleaning(null, null, null, null), s);
    assertThat(step.impute()).isEqualTo(0.0);
    assertThat(step.transform(42)).isEqualTo(42.0);
  }
}
