package io.trainyard.labeling.config;

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
 * The stage's settings as SmallRye reads them: every {@code trainyard.labeling.*} key of the
 * packaged application.properties maps onto {@link LabelingConfig} (an unmapped key under the
 * prefix stops start-up), and a value set at run time is the one the stage sees.
 */
class LabelingConfigTest {

  private static SmallRyeConfig config(Map<String, String> overrides) throws IOException {
    Properties packaged = new Properties();
    try (InputStream in =
        LabelingConfigTest.class.getClassLoader().getResourceAsStream("application.properties")) {
      packaged.load(in);
    }
    Map<String, String> ours = new HashMap<>();
    packaged.stringPropertyNames().stream()
        .filter(k -> k.startsWith("trainyard.labeling."))
        .forEach(k -> ours.put(k, packaged.getProperty(k)));
    return new SmallRyeConfigBuilder()
        // Durations as Quarkus reads them ("2s", "10m").
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(LabelingConfig.class)
        .withSources(new PropertiesConfigSource(ours, "application.properties", 250))
        .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
        .build();
  }

  @Test
  void packagedSettingsMapOntoTheConfig() throws IOException {
    LabelingConfig c = config(Map.of()).getConfigMapping(LabelingConfig.class);
    assertEquals(1 << 20, c.replayFetchBytes());
  }

  @Test
  void replayFetchBytesCanBeSetAtRunTime() throws IOException {
    LabelingConfig c =
        config(Map.of("trainyard.labeling.replay-fetch-bytes", "4096"))
            .getConfigMapping(LabelingConfig.class);
    assertEquals(4096, c.replayFetchBytes());
  }
}
