package io.trainyard.cleaning.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The stage's settings as SmallRye reads them: every {@code trainyard.cleaning.*} key of the
 * packaged application.properties maps onto {@link CleaningConfig} (an unmapped key under the
 * prefix stops start-up), and a value set at run time is the one the stage sees.
 */
class CleaningConfigTest {

  private static SmallRyeConfig config(Map<String, String> overrides) throws IOException {
    Properties packaged = new Properties();
    try (InputStream in =
        CleaningConfigTest.class.getClassLoader().getResourceAsStream("application.properties")) {
      packaged.load(in);
    }
    Map<String, String> ours = new HashMap<>();
    packaged.stringPropertyNames().stream()
        .filter(k -> k.startsWith("trainyard.cleaning."))
        .forEach(k -> ours.put(k, packaged.getProperty(k)));
    return new SmallRyeConfigBuilder()
        // Durations as Quarkus reads them ("2s", "10m").
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(CleaningConfig.class)
        .withSources(new PropertiesConfigSource(ours, "application.properties", 250))
        .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
        .build();
  }

  @Test
  void packagedSettingsMapOntoTheConfig() throws IOException {
    CleaningConfig c = config(Map.of()).getConfigMapping(CleaningConfig.class);
    assertEquals(1 << 20, c.replayFetchBytes());
  }

  @Test
  void replayFetchBytesCanBeSetAtRunTime() throws IOException {
    CleaningConfig c =
        config(Map.of("trainyard.cleaning.replay-fetch-bytes", "4096"))
            .getConfigMapping(CleaningConfig.class);
    assertEquals(4096, c.replayFetchBytes());
  }
}
