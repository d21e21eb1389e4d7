package io.trainyard.toolkit.runtime;

/**
 * What a stage rehearses at start, so that its first real data set finds connections open, classes
 * loaded and its hot paths compiled: a bean of the stage implements it, and {@link WarmupCheck}
 * runs every such bean once, in the background, after start ({@link Warmups}). A rehearsal
 * publishes and stores nothing; what it throws is logged as the reason it was cut short.
 */
public interface Rehearsal {

  /** The name logged and reported for this rehearsal, e.g. the stage's. */
  String name();

  /** Runs the rehearsal once, on the warm-up thread. */
  void rehearse() throws Exception;
}
