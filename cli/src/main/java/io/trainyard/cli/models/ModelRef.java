package io.trainyard.cli.models;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code models get} was asked for: {@code NAME} (the latest version), {@code NAME@alias}, or
 * {@code NAME} with {@code --version N}; a leading {@code models/} is accepted. Turned into the
 * registry's resource name.
 */
public record ModelRef(String model, String alias, Long version) {

  private static final Pattern REF =
      Pattern.compile(
          "(?:models/)?([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)(?:@([a-z](?:[a-z0-9-]{0,62}[a-z0-9])?))?");

  /**
   * Parses {@code NAME[@alias]} with an optional version number.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static ModelRef parse(String text, Long version) {
    Matcher m = REF.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a model name: expected NAME or NAME@alias (lower-case letters, digits"
              + " and '-')");
    }
    if (version != null && version < 1) {
      throw new IllegalArgumentException("--version must be a positive number, got " + version);
    }
    if (version != null && m.group(2) != null) {
      throw new IllegalArgumentException("give either NAME@alias or --version, not both");
    }
    return new ModelRef(m.group(1), m.group(2), version);
  }

  /**
   * {@code models/NAME/versions/N}, {@code models/NAME@alias} or {@code
   * models/NAME/versions/latest}.
   */
  public String resourceName() {
    if (version != null) {
      return "models/" + model + "/versions/" + version;
    }
    if (alias != null) {
      return "models/" + model + "@" + alias;
    }
    return "models/" + model + "/versions/latest";
  }
}
