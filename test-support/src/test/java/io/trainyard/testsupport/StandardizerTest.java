package io.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizerTest {

  @Test
  void usesThePopulationStandardDeviationAndDividesConstantColumnsByOne() {
    // column 0: 1, 3, 5 -> mean 3, population variance (4 + 0 + 4) / 3 = 8/3
    // column 1: constant 10 -> std 0, taken as 1
    Standardizer s = Standardizer.fit(new double[][] {{1, 10}, {3, 10}, {5, 10}});

    assertThat(s.mean()).containsExactly(3.0, 10.0);
    assertThat(s.std()[0]).isCloseTo(Math.sqrt(8.0 / 3.0), within(1e-12));
    assertThat(s.std()[1]).isEqualTo(1.0);
    float[] z = s.apply(new double[] {5, 12});
    assertThat(z[0]).isCloseTo(1.2247449f, within(1e-6f)); // 2 / 1.6329932
    assertThat(z[1]).isEqualTo(2f);
  }

  @Test
  void refusesWhatItCannotFit() {
    assertThatThrownBy(() -> Standardizer.fit(new double[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rows");
    assertThatThrownBy(() -> Standardizer.fit(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class);
    Standardizer s = Standardizer.fit(new double[][] {{1, 2}});
    assertThatThrownBy(() -> s.apply(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fitted on 2");
  }
}
