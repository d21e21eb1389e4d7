package io.trainyard.testsupport;

import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.toolkit.messaging.OffsetTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A labeled numeric data set as the labeling stage would hand it on: rows split 7:2:1 by row number
 * ({@link #splitOf(int)}), every feature standardized with the training rows' mean and population
 * standard deviation ({@link Standardizer}), classes the sorted distinct labels, and the rows of
 * each split cut into {@link PreparedBatch}es in row order.
 *
 * <p>Made for small, clean files: {@link #fromCsv(Path)} reads a header row, then one row per line,
 * every column but the last a number and the last one the label; no quoting, no missing values.
 */
public final class PreparedData {

  private final List<String> featureNames;
  private final List<String> classes;
  private final Standardizer standardizer;
  private final Map<Split, SplitRows> splits;
  private final Map<String, Long> classCounts;

  private PreparedData(
      List<String> featureNames,
      List<String> classes,
      Standardizer standardizer,
      Map<Split, SplitRows> splits,
      Map<String, Long> classCounts) {
    this.featureNames = featureNames;
    this.classes = classes;
    this.standardizer = standardizer;
    this.splits = splits;
    this.classCounts = classCounts;
  }

  /**
   * The split of the data row at 0-based {@code index} (row id {@code index + 1}): of every ten
   * rows the first seven train, the next two validation, the last one test.
   */
  public static Split splitOf(int index) {
    int r = index % 10;
    return r < 7 ? Split.TRAIN : r < 9 ? Split.VALIDATION : Split.TEST;
  }

  /**
   * Reads {@code csv} (see the class comment), splits, standardizes.
   *
   * @throws IllegalArgumentException for a file that is not of that shape, or has no training rows
   */
  public static PreparedData fromCsv(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lines = lines.stream().filter(l -> !l.isBlank()).toList();
    if (lines.size() < 2) {
      throw new IllegalArgumentException(csv + ": a header and at least one row are needed");
    }
    String[] header = lines.get(0).split(",", -1);
    int f = header.length - 1;
    if (f < 1) {
      throw new IllegalArgumentException(csv + ": no feature columns before the label");
    }
    int n = lines.size() - 1;
    double[][] x = new double[n][f];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      if (cells.length != header.length) {
        throw new IllegalArgumentException(
            csv + " line " + (i + 2) + ": " + cells.length + " fields, expected " + header.length);
      }
      for (int j = 0; j < f; j++) {
        try {
          x[i][j] = Double.parseDouble(cells[j].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              csv + " line " + (i + 2) + ": " + header[j] + " is not a number: " + cells[j]);
        }
      }
      labels[i] = cells[f].strip();
    }
    List<String> classes = List.copyOf(new TreeSet<>(List.of(labels)));

    List<double[]> trainRows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (splitOf(i) == Split.TRAIN) {
        trainRows.add(x[i]);
      }
    }
    if (trainRows.isEmpty()) {
      throw new IllegalArgumentException(csv + ": no training rows");
    }
    Standardizer standardizer = Standardizer.fit(trainRows.toArray(double[][]::new));

    Map<Split, SplitRows> splits = new EnumMap<>(Split.class);
    Map<String, Long> classCounts = new LinkedHashMap<>();
    classes.forEach(c -> classCounts.put(c, 0L));
    for (Split split : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (splitOf(i) == split) {
          indexes.add(i);
        }
      }
      float[] values = new float[indexes.size() * f];
      int[] y = new int[indexes.size()];
      long[] rowIds = new long[indexes.size()];
      for (int k = 0; k < indexes.size(); k++) {
        int i = indexes.get(k);
        System.arraycopy(standardizer.apply(x[i]), 0, values, k * f, f);
        y[k] = classes.indexOf(labels[i]);
        rowIds[k] = i + 1L;
        classCounts.merge(labels[i], 1L, Long::sum);
      }
      splits.put(split, new SplitRows(split, values, y, rowIds, f));
    }
    return new PreparedData(
        List.of(header).subList(0, f), classes, standardizer, splits, classCounts);
  }

  /** The feature columns, in file order (the label column is not one). */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Sorted distinct labels; a row's class index points into this list. */
  public List<String> classes() {
    return classes;
  }

  /** Values per row. */
  public int features() {
    return featureNames.size();
  }

  /** Rows of every split. */
  public int rows() {
    return splits.values().stream().mapToInt(SplitRows::rows).sum();
  }

  /** Rows per class name over every split. */
  public Map<String, Long> classCounts() {
    return Map.copyOf(classCounts);
  }

  /** The statistics the features were standardized with (the training rows'). */
  public Standardizer standardizer() {
    return standardizer;
  }

  /** The rows of {@code split} (TRAIN, VALIDATION or TEST). */
  public SplitRows split(Split split) {
    SplitRows rows = splits.get(split);
    if (rows == null) {
      throw new IllegalArgumentException("no split " + split);
    }
    return rows;
  }

  public SplitRows train() {
    return split(Split.TRAIN);
  }

  public SplitRows validation() {
    return split(Split.VALIDATION);
  }

  public SplitRows test() {
    return split(Split.TEST);
  }

  /**
   * The PreparedBatches of {@code split} for {@code dataset}: {@code batchSize} rows each (the last
   * one fewer), batch indexes from 0, 1-based row ids, a fresh event id each.
   */
  public List<PreparedBatch> batches(DatasetRef dataset, Split split, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    SplitRows rows = split(split);
    int f = rows.features();
    List<PreparedBatch> out = new ArrayList<>();
    for (int start = 0; start < rows.rows(); start += batchSize) {
      int end = Math.min(rows.rows(), start + batchSize);
      PreparedBatch.Builder b =
          PreparedBatch.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setDataset(dataset)
              .setSplit(split)
              .setBatchIndex(out.size())
              .setRows(end - start)
              .setFeatures(f);
      for (int i = start; i < end; i++) {
        for (int j = 0; j < f; j++) {
          b.addX(rows.x()[i * f + j]);
        }
        b.addY(rows.y()[i]);
        b.addRowIds(rows.rowIds()[i]);
      }
      out.add(b.build());
    }
    return out;
  }

  /**
   * Publishes every split's PreparedBatches to {@link Topics#LABELING_BATCHES} keyed by the data
   * set id, as the labeling stage does, and returns the DatasetPrepared that describes them (its
   * ranges say where they landed). The DatasetPrepared itself is not published.
   *
   * @param specJson the canonical pipeline spec to carry, or "" for none
   */
  public DatasetPrepared publishBatches(
      TestKafka kafka, DatasetRef dataset, String specJson, int batchSize) {
    DatasetPrepared.Builder prepared =
        DatasetPrepared.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setDataset(dataset)
            .setSpecJson(specJson)
            .addAllFeatureNames(featureNames)
            .addAllClasses(classes)
            .setBatchSize(batchSize)
            .putAllClassCounts(classCounts);
    for (Split split : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      OffsetTracker tracker = new OffsetTracker();
      List<PreparedBatch> batches = batches(dataset, split, batchSize);
      for (PreparedBatch batch : batches) {
        tracker.add(kafka.publish(Topics.LABELING_BATCHES, dataset.getDatasetId(), batch));
      }
      SplitBatches sb =
          SplitBatches.newBuilder()
              .setRows(split(split).rows())
              .setBatches(batches.size())
              .addAllRanges(tracker.ranges())
              .build();
      switch (split) {
        case TRAIN -> prepared.setTrain(sb);
        case VALIDATION -> prepared.setValidation(sb);
        default -> prepared.setTest(sb);
      }
    }
    return prepared.build();
  }
}
