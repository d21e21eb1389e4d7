package io.trainyard.cleaning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.testsupport.PackagedConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stage's settings as SmallRye reads them: every {@code trainyard.cleaning.*} key of the
 * packaged application.properties maps onto {@link CleaningConfig} (an unmapped key under the
 * prefix stops start-up), and a value set at run time is the one the stage sees.
 */
class CleaningConfigTest {

  private static CleaningConfig config(Map<String, String> overrides) {
    return PackagedConfig.of(CleaningConfig.class, "trainyard.cleaning", overrides);
  }

  @Test
  void packagedSettingsMapOntoTheConfig() {
    assertThat(config(Map.of()).replayFetchBytes()).isEqualTo(1 << 20);
  }

  @Test
  void replayFetchBytesCanBeSetAtRunTime() {
    assertThat(config(Map.of("trainyard.cleaning.replay-fetch-bytes", "4096")).replayFetchBytes())
        .isEqualTo(4096);
  }

  @Test
  void anUnmappedKeyIsRefusedAsAtStartUp() {
    assertThatThrownBy(() -> config(Map.of("trainyard.cleaning.no-such-setting", "1")))
        .hasMessageContaining("trainyard.cleaning.no-such-setting");
  }
}
