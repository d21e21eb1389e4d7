package io.trainyard.trainer;

import java.util.Locale;

/**
 * What one training request may take: the heap its in-memory splits may fill, and how many times it
 * is started before the trainer gives up on it.
 *
 * <p>The MLP trains from a copy of the train and validation splits in the heap (float32 features
 * and an int label per row, see ml-core's {@code TrainingData}). A data set whose copy would not
 * fit is refused before a byte is read, with the figures in the reason, instead of running the
 * trainer out of memory half-way through the replay.
 *
 * <p>A request whose earlier attempts never finished (the trainer was killed, ran out of memory
 * outside a run's own code, or crashed) is started again at most {@code maxAttempts} times in all;
 * after that it fails for good, so that one request cannot stop every later one behind it.
 *
 * @param maxDataBytes the most bytes the splits of one request may take in the heap
 * @param maxAttempts how many times a request is started at most (at least 1)
 */
public record TrainingLimits(long maxDataBytes, int maxAttempts) {

  /** Bytes a row takes in memory besides its features: its class index. */
  private static final int LABEL_BYTES = Integer.BYTES;

  public TrainingLimits {
    if (maxDataBytes < 1) {
      throw new IllegalArgumentException("maxDataBytes must be >= 1, got " + maxDataBytes);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
  }

  /**
   * Half the heap for the data: the rest is the replay's fetch buffers, the engine and the service.
   */
  public static TrainingLimits forHeap(long maxHeapBytes, int maxAttempts) {
    return new TrainingLimits(Math.max(1, maxHeapBytes / 2), maxAttempts);
  }

  /** Bytes {@code rows} rows of {@code features} float32 features and a class index take. */
  public static long bytes(long rows, int features) {
    return Math.multiplyExact(
        rows, Math.addExact(Math.multiplyExact((long) features, 4L), LABEL_BYTES));
  }

  /**
   * Checks that the train and validation splits fit in memory.
   *
   * @throws IllegalStateException with the figures when they do not
   */
  public void checkFits(long trainRows, long validationRows, int features) {
    long rows = trainRows + validationRows;
    long need = bytes(rows, features);
    if (need > maxDataBytes) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "the train and validation splits need %s in memory (%,d rows x %d features x 4 bytes"
                  + " + a label each), more than the %s this trainer has for data"
                  + " (trainyard.trainer.max-data-bytes, by default half its heap): give the"
                  + " trainer a larger heap, or prepare fewer rows",
              size(need),
              rows,
              features,
              size(maxDataBytes)));
    }
  }

  /**
   * Whether a request that was started {@code attempts} times without finishing may be started
   * again.
   */
  public boolean mayStartAgain(int attempts) {
    return attempts < maxAttempts;
  }

  /** {@code bytes} for a person: KiB, MiB or GiB. */
  public static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%,d KiB", (bytes + 1023) / 1024);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
