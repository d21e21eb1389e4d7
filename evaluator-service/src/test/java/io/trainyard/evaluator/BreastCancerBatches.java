package io.trainyard.evaluator;

import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.ml.train.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The real breast cancer data set (569 rows, 30 features) as the labeling stage would publish it:
 * split 7:2:1 by row id, standardized with the training rows' mean and standard deviation, in
 * PreparedBatches of 64 rows on {@code trainyard.labeling.batches.v1}, described by a
 * DatasetPrepared whose ranges say where they are; the same rows also in memory, to train on.
 */
final class BreastCancerBatches {

  /** What was published, and the same training and validation rows in memory. */
  record Published(DatasetPrepared prepared, TrainingData train, TrainingData validation) {}

  static final List<String> CLASSES = List.of("benign", "malignant");
  private static final int BATCH = 64;

  private BreastCancerBatches() {}

  static Published publish(TestKafka kafka, DatasetRef dataset, String specJson) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of("../data/breast-cancer/breast_cancer.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] header = lines.get(0).split(",");
    int f = header.length - 1;
    int n = lines.size() - 1;
    double[][] x = new double[n][f];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split(",");
      for (int j = 0; j < f; j++) {
        x[i][j] = Double.parseDouble(cells[j]);
      }
      y[i] = CLASSES.indexOf(cells[f].strip());
    }
    double[] mean = new double[f];
    double[] sq = new double[f];
    int trainRows = 0;
    for (int i = 0; i < n; i++) {
      if (split(i) == Split.TRAIN) {
        trainRows++;
        for (int j = 0; j < f; j++) {
          mean[j] += x[i][j];
          sq[j] += x[i][j] * x[i][j];
        }
      }
    }
    double[] std = new double[f];
    for (int j = 0; j < f; j++) {
      mean[j] /= trainRows;
      std[j] = Math.sqrt(sq[j] / trainRows - mean[j] * mean[j]);
    }
    DatasetPrepared.Builder prepared =
        DatasetPrepared.newBuilder()
            .setEventId(Envelopes.newEventId())
            .setDataset(dataset)
            .setSpecJson(specJson)
            .addAllFeatureNames(List.of(header).subList(0, f))
            .addAllClasses(CLASSES)
            .setBatchSize(BATCH);
    TrainingData.Builder train = TrainingData.builder(f);
    TrainingData.Builder validation = TrainingData.builder(f);
    for (Split split : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (split(i) == split) {
          rows.add(i);
        }
      }
      long from = Long.MAX_VALUE;
      long to = -1;
      String topic = null;
      int partition = 0;
      long batches = 0;
      for (int start = 0; start < rows.size(); start += BATCH) {
        List<Integer> part = rows.subList(start, Math.min(rows.size(), start + BATCH));
        PreparedBatch.Builder b =
            PreparedBatch.newBuilder()
                .setEventId(Envelopes.newEventId())
                .setDataset(dataset)
                .setSplit(split)
                .setBatchIndex(batches++)
                .setRows(part.size())
                .setFeatures(f);
        for (int i : part) {
          float[] row = new float[f];
          for (int j = 0; j < f; j++) {
            row[j] = (float) ((x[i][j] - mean[j]) / std[j]);
            b.addX(row[j]);
          }
          b.addY(y[i]);
          b.addRowIds(i + 1L);
          if (split == Split.TRAIN) {
            train.add(row, new int[] {y[i]});
          } else if (split == Split.VALIDATION) {
            validation.add(row, new int[] {y[i]});
          }
        }
        RecordMetadata sent =
            kafka.publish(Topics.LABELING_BATCHES, dataset.getDatasetId(), b.build());
        topic = sent.topic();
        partition = sent.partition();
        from = Math.min(from, sent.offset());
        to = Math.max(to, sent.offset() + 1);
      }
      SplitBatches sb =
          SplitBatches.newBuilder()
              .setRows(rows.size())
              .setBatches(batches)
              .addRanges(
                  OffsetRange.newBuilder()
                      .setTopic(topic)
                      .setPartition(partition)
                      .setFromOffset(from)
                      .setToOffset(to))
              .build();
      switch (split) {
        case TRAIN -> prepared.setTrain(sb);
        case VALIDATION -> prepared.setValidation(sb);
        default -> prepared.setTest(sb);
      }
    }
    return new Published(prepared.build(), train.build(), validation.build());
  }

  /** 7 of 10 rows train, 2 validation, 1 test. */
  static Split split(int row) {
    int r = row % 10;
    return r < 7 ? Split.TRAIN : r < 9 ? Split.VALIDATION : Split.TEST;
  }
}
