package io.trainyard.ml.train;

/**
 * What one epoch did. Losses are mean softmax cross-entropy per row; the training figures are taken
 * while the weights change during the epoch, the validation figures after it.
 *
 * @param epoch 1-based
 * @param best true when this epoch has the best validation loss so far
 * @param learningRate the rate this epoch trained with ({@link EpochSchedule})
 */
public record EpochReport(
    int epoch,
    int maxEpochs,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    long durationMs,
    boolean best,
    double learningRate) {}
