package io.trainyard.registry;

import java.util.List;

/** A stored version with the aliases that point at it (sorted, {@code latest} included). */
public record RegisteredVersion(VersionRecord record, List<String> aliases) {
  public RegisteredVersion {
    aliases = List.copyOf(aliases);
  }
}
