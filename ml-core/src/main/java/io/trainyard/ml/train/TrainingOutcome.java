package io.trainyard.ml.train;

import io.trainyard.ml.artifact.ModelArtifact;
import java.util.List;

/**
 * A finished training: the artifact holds the best epoch's weights.
 *
 * @param epochsRun epochs trained before stopping (early or at the limit)
 * @param bestEpoch the epoch whose weights are in the artifact
 * @param bestValidationLoss its validation loss (training loss where there is no validation split)
 * @param bestValidationAccuracy its validation accuracy
 * @param device "cpu" or "gpu(N)"
 * @param samples training rows seen, over all epochs
 * @param stoppedEarly true when patience ran out before the epoch limit
 * @param epochs the report of every epoch, in order
 */
public record TrainingOutcome(
    ModelArtifact artifact,
    int epochsRun,
    int bestEpoch,
    double bestValidationLoss,
    double bestValidationAccuracy,
    String device,
    long samples,
    boolean stoppedEarly,
    long durationMs,
    List<EpochReport> epochs) {}
