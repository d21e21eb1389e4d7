package io.trainyard.testsupport;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A stage's config mapping read as the packaged service reads it: the {@code prefix} keys of the
 * application.properties on the class path, then {@code overrides} (as a system property or an
 * environment variable would set them), with Quarkus's duration format ("2s", "10m"). Building it
 * fails as start-up does when a key under the prefix maps onto nothing.
 */
public final class PackagedConfig {

  private PackagedConfig() {}

  public static <T> T of(Class<T> mapping, String prefix, Map<String, String> overrides) {
    Properties packaged = new Properties();
    try (InputStream in = mapping.getClassLoader().getResourceAsStream("application.properties")) {
      if (in == null) {
        throw new IllegalStateException("no application.properties on the class path");
      }
      packaged.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> ours = new HashMap<>();
    packaged.stringPropertyNames().stream()
        .filter(k -> k.startsWith(prefix + "."))
        .forEach(k -> ours.put(k, packaged.getProperty(k)));
    return new SmallRyeConfigBuilder()
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(mapping)
        .withSources(new PropertiesConfigSource(ours, "application.properties", 250))
        .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
        .build()
        .getConfigMapping(mapping);
  }
}
