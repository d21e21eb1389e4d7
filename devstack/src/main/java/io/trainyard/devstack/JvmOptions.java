package io.trainyard.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM options of a service: {@code k8s/base/jvm/<service>.env}, the file its Kubernetes
 * Deployment takes as a ConfigMap, read here so that what the demo, the tests and the benchmark run
 * is what is deployed. The file is an env file as kustomize reads it ({@code NAME=value} lines,
 * {@code #} comments, blank lines) and sets exactly {@link #VARIABLES}, which the Quarkus JVM
 * images' run-java.sh puts on the command line in that order. Anything else is refused (another
 * variable, a quote, an empty value, a missing file): an option that one side passes and the other
 * does not would make the measured service differ from the deployed one.
 */
public final class JvmOptions {

  /**
   * The variables of an options file, in the order run-java.sh puts them on the command line: the
   * collector (which replaces the image's default collector; two on one command line stop the JVM)
   * and the options appended after the image's own.
   */
  public static final List<String> VARIABLES = List.of("GC_CONTAINER_OPTIONS", "JAVA_OPTS_APPEND");

  private JvmOptions() {}

  /** The options file of {@code service} in the checkout at {@code projectRoot}. */
  public static Path file(Path projectRoot, String service) {
    return projectRoot.resolve("k8s/base/jvm").resolve(service + ".env");
  }

  /** The JVM options of {@code service}, from its file in the checkout at {@code projectRoot}. */
  public static List<String> of(Path projectRoot, String service) {
    return read(file(projectRoot, service));
  }

  /** The options a file sets, in command-line order, one per whitespace-separated word. */
  public static List<String> read(Path file) {
    Map<String, String> variables = variables(file);
    List<String> options = new ArrayList<>();
    for (String name : VARIABLES) {
      String value = variables.get(name);
      if (value == null) {
        throw new IllegalStateException(file + " does not set " + name);
      }
      options.addAll(List.of(value.trim().split("\\s+")));
    }
    return options;
  }

  /** The variables an options file sets, in file order; refuses what {@link #read} refuses. */
  public static Map<String, String> variables(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("no JVM options file " + file, e);
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalStateException(where + "not NAME=value");
      }
      String name = line.substring(0, eq);
      String value = line.substring(eq + 1).strip();
      if (!VARIABLES.contains(name)) {
        throw new IllegalStateException(where + name + " is not one of " + VARIABLES);
      }
      if (value.isEmpty() || value.indexOf('"') >= 0 || value.indexOf('\'') >= 0) {
        // kustomize keeps quotes as part of the value and run-java.sh splits on spaces.
        throw new IllegalStateException(where + name + " must be options without quotes");
      }
      if (variables.put(name, value) != null) {
        throw new IllegalStateException(where + name + " is set twice");
      }
    }
    return variables;
  }
}
