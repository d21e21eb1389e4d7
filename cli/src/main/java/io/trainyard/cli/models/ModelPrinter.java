package io.trainyard.cli.models;

import com.google.protobuf.Timestamp;
import io.trainyard.cli.Units;
import io.trainyard.cli.watch.EventLines;
import io.trainyard.contracts.registry.v1.Model;
import io.trainyard.contracts.registry.v1.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders registry answers as text: a table of models, and one version in full. */
public final class ModelPrinter {

  private ModelPrinter() {}

  /** One line per model under a header; a sentence when there are none. */
  public static String models(List<Model> models) {
    if (models.isEmpty()) {
      return "No models registered yet.";
    }
    int nameWidth = "MODEL".length();
    for (Model m : models) {
      nameWidth = Math.max(nameWidth, m.getModelId().length());
    }
    StringBuilder sb = new StringBuilder();
    String format = "%-" + nameWidth + "s  %6s  %8s  %-24s  %s%n";
    sb.append(
        String.format(Locale.ROOT, format, "MODEL", "LATEST", "VERSIONS", "ALIASES", "UPDATED"));
    for (Model m : models) {
      String aliases =
          new TreeMap<>(m.getAliasesMap())
              .entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" "));
      sb.append(
          String.format(
              Locale.ROOT,
              format,
              m.getModelId(),
              m.getLatestVersion(),
              m.getVersionCount(),
              aliases,
              m.hasUpdateTime() ? instant(m.getUpdateTime()) : ""));
    }
    return sb.toString().lines().map(String::stripTrailing).collect(Collectors.joining("\n"));
  }

  /** A version: name, aliases, metrics table, confusion matrix, lineage, artifact. */
  public static String version(ModelVersion v) {
    StringBuilder sb = new StringBuilder();
    sb.append(row("model", v.getModelId()));
    String aliases =
        v.getAliasesCount() == 0 ? "" : "  (" + String.join(", ", v.getAliasesList()) + ")";
    sb.append(row("version", v.getVersion() + aliases));
    sb.append(row("blessed", v.getBlessed() ? "yes" : "no"));
    if (!v.getFamily().isEmpty()) {
      sb.append(row("family", v.getFamily()));
    }
    if (v.hasCreateTime()) {
      sb.append(row("created", instant(v.getCreateTime())));
    }
    sb.append("metrics (test split)\n").append(metrics(v.getMetricsMap()));
    String matrix = confusion(v.getClassesList(), v.getConfusionMatrixList());
    if (!matrix.isEmpty()) {
      sb.append("confusion matrix (rows: true class, columns: predicted)\n").append(matrix);
    }
    var l = v.getLineage();
    sb.append(
        row(
            "lineage",
            "data set "
                + l.getDatasetId()
                + " v"
                + l.getDatasetVersion()
                + ", spec "
                + shortHash(l.getSpecHash())
                + ", training request "
                + l.getTrainingRequestId()));
    var a = v.getArtifact();
    if (!a.getId().isEmpty() || !a.getSha256().isEmpty()) {
      sb.append(
          row(
              "artifact",
              (a.getFormat().isEmpty() ? "" : a.getFormat() + ", ")
                  + Units.formatBytes(a.getSizeBytes())
                  + ", sha256 "
                  + a.getSha256()
                  + (a.getId().isEmpty() ? "" : ", id " + a.getId())));
    }
    return sb.toString().stripTrailing();
  }

  /** Metrics in the usual order (then any others by name), values to four places. */
  static String metrics(Map<String, Double> metrics) {
    List<String> keys = new ArrayList<>();
    for (String k : EventLines.METRIC_ORDER) {
      if (metrics.containsKey(k)) {
        keys.add(k);
      }
    }
    new TreeMap<>(metrics).keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    int width = keys.stream().mapToInt(String::length).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      double value = metrics.get(k);
      String shown =
          value == Math.rint(value) && k.endsWith("_rows")
              ? Long.toString((long) value)
              : String.format(Locale.ROOT, "%.4f", value);
      sb.append("  ")
          .append(k)
          .append(" ".repeat(width - k.length()))
          .append("  ")
          .append(shown)
          .append('\n');
    }
    return sb.toString();
  }

  /** The matrix with class names as row and column heads; empty when its shape does not fit. */
  static String confusion(List<String> classes, List<Long> counts) {
    int n = classes.size();
    if (n == 0 || counts.size() != n * n) {
      return "";
    }
    int width = 1;
    for (String c : classes) {
      width = Math.max(width, c.length());
    }
    for (Long c : counts) {
      width = Math.max(width, Long.toString(c).length());
    }
    StringBuilder sb = new StringBuilder("  ").append(" ".repeat(width));
    for (String c : classes) {
      sb.append("  ").append(pad(c, width));
    }
    sb.append('\n');
    for (int i = 0; i < n; i++) {
      sb.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", classes.get(i)));
      for (int j = 0; j < n; j++) {
        sb.append("  ").append(pad(Long.toString(counts.get(i * n + j)), width));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private static String row(String key, String value) {
    return String.format(Locale.ROOT, "%-9s %s%n", key, value);
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  private static String instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
  }
}
