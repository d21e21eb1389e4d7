package io.trainyard.ml.train;

/** Told about every finished epoch (for progress events and metrics). */
@FunctionalInterface
public interface EpochListener {

  /** Called after each epoch's validation, in order; an exception aborts the training. */
  void onEpoch(EpochReport report);

  /** A listener that does nothing. */
  EpochListener NONE = report -> {};
}
