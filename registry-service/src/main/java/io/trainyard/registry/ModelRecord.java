package io.trainyard.registry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registered model: its name (the model id), the highest registered version, how many versions it
 * has, and its aliases (alias to version; {@code latest} included).
 */
public record ModelRecord(
    String name,
    long latestVersion,
    long versionCount,
    Map<String, Long> aliases,
    Instant createTime,
    Instant updateTime) {

  public ModelRecord {
    Map<String, Long> all = new TreeMap<>(aliases == null ? Map.of() : aliases);
    if (latestVersion > 0) {
      all.put(ResourceNames.LATEST, latestVersion);
    }
    aliases = Map.copyOf(all);
  }
}
