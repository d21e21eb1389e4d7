package io.trainyard.testsupport;

import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.spec.SpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The Wisconsin breast cancer data set of the repository's {@code data/breast-cancer} folder (569
 * rows, 30 numeric features, label {@code diagnosis}: benign / malignant) as {@link PreparedData}:
 * 399 training, 114 validation and 56 test rows, standardized with the training rows' statistics.
 */
public final class BreastCancer {

  /** The file, relative to the repository root. */
  public static final String CSV = "data/breast-cancer/breast_cancer.csv";

  /** The pipeline spec that goes with it, relative to the repository root. */
  public static final String SPEC = "data/breast-cancer/pipeline.yaml";

  /** The classes, sorted: PreparedBatch.y 0 is benign, 1 malignant. */
  public static final List<String> CLASSES = List.of("benign", "malignant");

  /** The batch size the labeling stage uses for it (the spec's {@code labeling.batchSize}). */
  public static final int BATCH_SIZE = 64;

  private static PreparedData loaded;

  private BreastCancer() {}

  /** The data set, read once per JVM (it is immutable). */
  public static synchronized PreparedData load() {
    if (loaded == null) {
      loaded = PreparedData.fromCsv(RepositoryFiles.path(CSV));
    }
    return loaded;
  }

  /**
   * Publishes its PreparedBatches ({@link #BATCH_SIZE} rows each) for {@code dataset} and returns
   * the DatasetPrepared that describes them; see {@link PreparedData#publishBatches}.
   */
  public static DatasetPrepared publishBatches(
      TestKafka kafka, DatasetRef dataset, String specJson) {
    return load().publishBatches(kafka, dataset, specJson, BATCH_SIZE);
  }

  /**
   * Its pipeline spec ({@link #SPEC}) as canonical JSON, as DatasetPrepared.spec_json carries it.
   */
  public static String specJson() {
    try {
      return SpecParser.toCanonicalJson(
          SpecParser.parse(Files.readString(RepositoryFiles.path(SPEC))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
