package io.trainyard.ml;

import io.trainyard.ml.train.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Wisconsin breast cancer data set (569 rows, 30 numeric features, label benign/malignant) from
 * the repository's data folder, split 7:2:1 by row number and standardized with the training
 * split's mean and standard deviation, as the cleaning stage would do.
 */
public record BreastCancer(
    List<String> featureNames, TrainingData train, TrainingData validation, TrainingData test) {

  public static final List<String> CLASSES = List.of("benign", "malignant");

  public static BreastCancer load() {
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
    double[] std = new double[f];
    int trainRows = 0;
    for (int i = 0; i < n; i++) {
      if (split(i) == 0) {
        trainRows++;
        for (int j = 0; j < f; j++) {
          mean[j] += x[i][j];
        }
      }
    }
    for (int j = 0; j < f; j++) {
      mean[j] /= trainRows;
    }
    for (int i = 0; i < n; i++) {
      if (split(i) == 0) {
        for (int j = 0; j < f; j++) {
          std[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
        }
      }
    }
    for (int j = 0; j < f; j++) {
      std[j] = Math.sqrt(std[j] / (trainRows - 1));
    }
    TrainingData.Builder[] splits = {
      TrainingData.builder(f), TrainingData.builder(f), TrainingData.builder(f)
    };
    for (int i = 0; i < n; i++) {
      float[] row = new float[f];
      for (int j = 0; j < f; j++) {
        row[j] = (float) ((x[i][j] - mean[j]) / std[j]);
      }
      splits[split(i)].add(row, new int[] {y[i]});
    }
    return new BreastCancer(
        List.of(header).subList(0, f), splits[0].build(), splits[1].build(), splits[2].build());
  }

  /** 0 train (7 of 10 rows), 1 validation (2 of 10), 2 test (1 of 10). */
  static int split(int row) {
    int r = row % 10;
    return r < 7 ? 0 : r < 9 ? 1 : 2;
  }
}
