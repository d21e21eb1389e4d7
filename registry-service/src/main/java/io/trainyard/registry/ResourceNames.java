package io.trainyard.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the registry's resource names (AIP-122): {@code models/{model}}, {@code
 * models/{model}/versions/{version}}, {@code models/{model}/versions/latest} and {@code
 * models/{model}@{alias}}. Model names follow the pipeline spec's rule (lower-case letters, digits
 * and '-', 1 to 64 characters, starting and ending with a letter or digit).
 */
public final class ResourceNames {

  /** Reason code for a name that does not parse. */
  public static final String INVALID_NAME = "INVALID_NAME";

  /** The alias every model has: its highest version. */
  public static final String LATEST = "latest";

  static final String MODEL_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";
  static final String ALIAS_PATTERN = "[a-z](?:[a-z0-9-]{0,62}[a-z0-9])?";
  private static final Pattern MODEL_ID = Pattern.compile(MODEL_PATTERN);
  private static final Pattern ALIAS = Pattern.compile(ALIAS_PATTERN);
  private static final Pattern MODEL = Pattern.compile("models/(" + MODEL_PATTERN + ")");
  private static final Pattern VERSION =
      Pattern.compile("models/(" + MODEL_PATTERN + ")/versions/([^/@]+)");
  private static final Pattern ALIASED =
      Pattern.compile("models/(" + MODEL_PATTERN + ")@(" + ALIAS_PATTERN + ")");
  private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

  private ResourceNames() {}

  /** What a version name points at: a number, or an alias (including {@code latest}). */
  public sealed interface VersionRef permits Numbered, Aliased {
    String model();
  }

  /** {@code models/{model}/versions/{number}}. */
  public record Numbered(String model, long version) implements VersionRef {}

  /** {@code models/{model}@{alias}} or {@code models/{model}/versions/latest}. */
  public record Aliased(String model, String alias) implements VersionRef {}

  /** True when {@code id} is a valid model id (the part after {@code models/}). */
  public static boolean isModelId(String id) {
    return id != null && MODEL_ID.matcher(id).matches();
  }

  /** The model id of {@code models/{model}}. */
  public static String parseModel(String name) {
    Matcher m = MODEL.matcher(nullToEmpty(name));
    if (!m.matches()) {
      throw RegistryException.invalid(
          INVALID_NAME,
          "'"
              + nullToEmpty(name)
              + "' is not a model name of the form models/{model} ({model}: lower-case letters,"
              + " digits and '-', 1-64 characters)");
    }
    return m.group(1);
  }

  /** A bare model id, as used in REST paths. */
  public static String checkModelId(String id) {
    if (!isModelId(id)) {
      throw RegistryException.invalid(
          INVALID_NAME,
          "'"
              + nullToEmpty(id)
              + "' is not a model id (lower-case letters, digits and '-', 1-64 characters)");
    }
    return id;
  }

  /** Parses a version name: by number, {@code latest}, or {@code @alias}. */
  public static VersionRef parseVersion(String name) {
    String text = nullToEmpty(name);
    Matcher aliased = ALIASED.matcher(text);
    if (aliased.matches()) {
      return new Aliased(aliased.group(1), aliased.group(2));
    }
    Matcher m = VERSION.matcher(text);
    if (m.matches()) {
      return versionSegment(m.group(1), m.group(2));
    }
    throw RegistryException.invalid(
        INVALID_NAME,
        "'"
            + text
            + "' is not a model version name: expected models/{model}/versions/{number},"
            + " models/{model}/versions/latest or models/{model}@{alias}");
  }

  /**
   * The version segment of a REST path or a version name: a positive number, or an alias such as
   * {@code latest}.
   */
  public static VersionRef versionSegment(String model, String segment) {
    checkModelId(model);
    String s = nullToEmpty(segment);
    if (NUMBER.matcher(s).matches()) {
      return new Numbered(model, Long.parseLong(s));
    }
    if (ALIAS.matcher(s).matches()) {
      return new Aliased(model, s);
    }
    throw RegistryException.invalid(
        INVALID_NAME,
        "version '" + s + "' of model '" + model + "' is neither a positive number nor an alias");
  }

  /** {@code models/{model}}. */
  public static String modelName(String model) {
    return "models/" + model;
  }

  /** {@code models/{model}/versions/{version}}. */
  public static String versionName(String model, long version) {
    return "models/" + model + "/versions/" + version;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
