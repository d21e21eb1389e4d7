package io.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void readsDurations() {
    assertThat(Units.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Units.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Units.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Units.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Units.parseDuration("120")).isEqualTo(Duration.ofSeconds(120));
    assertThat(Units.parseDuration("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Units.parseDuration(" 2M ")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> Units.parseDuration("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void writesDurations() {
    assertThat(Units.formatDuration(Duration.ofMillis(850))).isEqualTo("850 ms");
    assertThat(Units.formatDuration(Duration.ofMillis(4200))).isEqualTo("4.2 s");
    assertThat(Units.formatDuration(Duration.ofSeconds(192))).isEqualTo("3 min 12 s");
  }

  @Test
  void writesBinaryByteCounts() {
    assertThat(Units.formatBytes(512)).isEqualTo("512 B");
    assertThat(Units.formatBytes(12_697)).isEqualTo("12.4 KiB"); // 12697 / 1024 = 12.399
    assertThat(Units.formatBytes(3L * 1024 * 1024)).isEqualTo("3.0 MiB");
    assertThat(Units.formatBytes(1_717_986_918L)).isEqualTo("1.6 GiB"); // 1.6 * 2^30
  }
}
