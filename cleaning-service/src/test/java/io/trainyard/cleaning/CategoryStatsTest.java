package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoryStatsTest {

  @Test
  void modeIsTheMostFrequentValueAndMissingIsCounted() {
    CategoryStats s = new CategoryStats();
    for (String v : new String[] {"red", "blue", "", "red", "green", "red", "blue"}) {
      s.add(v);
    }
    assertThat(s.mode()).isEqualTo("red");
    assertThat(s.count()).isEqualTo(6);
    assertThat(s.missing()).isEqualTo(1);
  }

  @Test
  void tiesGoToTheSmallestValueWhateverTheOrder() {
    CategoryStats a = new CategoryStats();
    CategoryStats b = new CategoryStats();
    for (String v : new String[] {"zebra", "ant", "zebra", "ant"}) {
      a.add(v);
    }
    for (String v : new String[] {"ant", "zebra", "ant", "zebra"}) {
      b.add(v);
    }
    assertThat(a.mode()).isEqualTo("ant");
    assertThat(b.mode()).isEqualTo("ant");
  }

  @Test
  void noValueGivesAnEmptyMode() {
    CategoryStats s = new CategoryStats();
    s.add("");
    assertThat(s.mode()).isEmpty();
  }
}
