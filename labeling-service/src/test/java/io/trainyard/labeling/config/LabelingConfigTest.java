package io.trainyard.labeling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.testsupport.PackagedConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stage's settings as SmallRye reads them: every {@code trainyard.labeling.*} key of the
 * packaged application.properties maps onto {@link LabelingConfig} (an unmapped key under the
 * prefix stops start-up), and a value set at run time is the one the stage sees.
 */
class LabelingConfigTest {

  private static LabelingConfig config(Map<String, String> overrides) {
    return PackagedConfig.of(LabelingConfig.class, "trainyard.labeling", overrides);
  }

  @Test
  void packagedSettingsMapOntoTheConfig() {
    assertThat(config(Map.of()).replayFetchBytes()).isEqualTo(1 << 20);
  }

  @Test
  void replayFetchBytesCanBeSetAtRunTime() {
    assertThat(config(Map.of("trainyard.labeling.replay-fetch-bytes", "4096")).replayFetchBytes())
        .isEqualTo(4096);
  }

  @Test
  void anUnmappedKeyIsRefusedAsAtStartUp() {
    assertThatThrownBy(() -> config(Map.of("trainyard.labeling.no-such-setting", "1")))
        .hasMessageContaining("trainyard.labeling.no-such-setting");
  }
}
