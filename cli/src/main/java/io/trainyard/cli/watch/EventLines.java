package io.trainyard.cli.watch;

import com.google.protobuf.Message;
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.SplitCounts;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One readable line per stage event, led by the stage in a column of ten, e.g. {@code ingest sealed
 * breast-cancer v1: 569 rows (train 398 / validation 114 / test 57)}. Epochs are drawn by {@link
 * ProgressBar} instead.
 */
public final class EventLines {

  /** The order metrics are shown in; others follow by name. */
  public static final List<String> METRIC_ORDER =
      List.of("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "test_rows");

  private static final int LABEL_WIDTH = 10;

  private EventLines() {}

  /** The stage column: {@code name} padded to ten characters. */
  public static String label(String stage) {
    return stage.length() >= LABEL_WIDTH
        ? stage + " "
        : stage + " ".repeat(LABEL_WIDTH - stage.length());
  }

  /** The line for an event, or null for an event that has none (epochs). */
  public static String format(Message event) {
    if (event instanceof DatasetOpened e) {
      return opened(e);
    } else if (event instanceof DatasetSealed e) {
      return sealed(e);
    } else if (event instanceof DatasetProfiled e) {
      return profiled(e);
    } else if (event instanceof DatasetPrepared e) {
      return prepared(e);
    } else if (event instanceof TrainingRequested e) {
      return requested(e);
    } else if (event instanceof TrainingCompleted e) {
      return completed(e);
    } else if (event instanceof TrainingFailed e) {
      return failed(e);
    } else if (event instanceof ModelEvaluated e) {
      return evaluated(e);
    } else if (event instanceof ModelVersionRegistered e) {
      return registered(e);
    }
    return null;
  }

  static String opened(DatasetOpened e) {
    String label = e.getSchema().getLabelColumn();
    return label("ingest")
        + "opened "
        + ref(e.getDataset())
        + " ("
        + e.getSchema().getColumnsCount()
        + " columns"
        + (label.isEmpty() ? ", unlabeled" : ", label " + label)
        + ")";
  }

  static String sealed(DatasetSealed e) {
    return label("ingest")
        + "sealed "
        + ref(e.getDataset())
        + ": "
        + e.getRowCount()
        + " rows ("
        + splits(e.getSplitCounts())
        + ")";
  }

  static String profiled(DatasetProfiled e) {
    long imputed = 0;
    long clipped = 0;
    for (ColumnProfile c : e.getColumnsList()) {
      imputed += c.getImputed();
      clipped += c.getOutliersClipped();
    }
    StringBuilder sb =
        new StringBuilder(label("cleaning"))
            .append("profiled ")
            .append(ref(e.getDataset()))
            .append(": ")
            .append(e.getRowsIn())
            .append(" rows in, ")
            .append(e.getRowsOut())
            .append(" out (")
            .append(splits(e.getSplitCounts()))
            .append("); ")
            .append(imputed)
            .append(" imputed, ")
            .append(clipped)
            .append(" clipped, ")
            .append(e.getRowsDropped())
            .append(" dropped");
    if (e.getDuplicatesDropped() > 0) {
      sb.append(", ").append(e.getDuplicatesDropped()).append(" duplicates");
    }
    return sb.toString();
  }

  static String prepared(DatasetPrepared e) {
    Map<String, Long> counts = e.getClassCountsMap();
    String classes =
        e.getClassesList().stream()
            .map(c -> counts.containsKey(c) ? c + " " + counts.get(c) : c)
            .collect(Collectors.joining(" / "));
    StringBuilder sb =
        new StringBuilder(label("labeling"))
            .append("prepared ")
            .append(ref(e.getDataset()))
            .append(": ")
            .append(e.getFeatureNamesCount())
            .append(" features, ")
            .append(e.getClassesCount())
            .append(" classes (")
            .append(classes)
            .append("), batches train ")
            .append(e.getTrain().getBatches())
            .append(" / validation ")
            .append(e.getValidation().getBatches())
            .append(" / test ")
            .append(e.getTest().getBatches());
    if (e.getLabeledByRule() > 0) {
      sb.append(", ").append(e.getLabeledByRule()).append(" labeled by rule");
    }
    return sb.toString();
  }

  static String requested(TrainingRequested e) {
    TrainingConfig c = e.getConfig();
    return label("training")
        + "requested "
        + e.getModelName()
        + " (request "
        + shortId(e.getRequestId())
        + "): "
        + c.getFamily()
        + " "
        + c.getHiddenUnitsList()
        + ", up to "
        + c.getMaxEpochs()
        + " epochs, batch "
        + c.getBatchSize()
        + ", "
        + c.getOptimizer()
        + " lr "
        + number(c.getLearningRate());
  }

  static String completed(TrainingCompleted e) {
    return label("training")
        + "completed "
        + e.getModelName()
        + ": "
        + e.getEpochsRun()
        + " epochs (best "
        + e.getBestEpoch()
        + String.format(Locale.ROOT, ", val loss %.4f", e.getBestValidationLoss())
        + ") on "
        + (e.getDevice().isEmpty() ? "?" : e.getDevice())
        + " in "
        + io.trainyard.cli.Units.formatDuration(Duration.ofMillis(e.getTrainingMs()));
  }

  static String failed(TrainingFailed e) {
    return label("training") + "FAILED " + e.getModelName() + ": " + e.getReason();
  }

  static String evaluated(ModelEvaluated e) {
    Map<String, Double> m = e.getMetricsMap();
    List<String> parts = new ArrayList<>();
    for (String k : List.of("accuracy", "f1", "roc_auc", "log_loss")) {
      if (m.containsKey(k)) {
        parts.add(k + " " + String.format(Locale.ROOT, "%.3f", m.get(k)));
      }
    }
    String rows =
        m.containsKey("test_rows") ? " on " + Math.round(m.get("test_rows")) + " test rows" : "";
    return label("evaluate")
        + e.getModelName()
        + ": "
        + String.join(", ", parts)
        + rows
        + (e.getBlessed() ? "; blessed" : "; not blessed");
  }

  static String registered(ModelVersionRegistered e) {
    return label("registry")
        + "registered "
        + e.getModelName()
        + " v"
        + e.getVersion()
        + " (from "
        + ref(e.getDataset())
        + ")";
  }

  /** {@code breast-cancer v1}. */
  static String ref(DatasetRef ref) {
    return ref.getDatasetId() + " v" + ref.getVersion();
  }

  /** {@code train 398 / validation 114 / test 57}. */
  static String splits(SplitCounts s) {
    return "train "
        + s.getTrain()
        + " / validation "
        + s.getValidation()
        + " / test "
        + s.getTest();
  }

  /** The first eight characters of an id. */
  static String shortId(String id) {
    return id.length() <= 8 ? id : id.substring(0, 8);
  }

  /** A number without trailing zeros: {@code 0.001}, {@code 32}, {@code 1.0E-5}. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
