package io.trainyard.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the trainer ({@code trainyard.trainer.*}). */
@ConfigMapping(prefix = "trainyard.trainer")
public interface TrainerConfig {

  /** MongoDB database of this stage (collection {@code runs}). */
  @WithDefault("trainyard_trainer")
  String database();

  /** {@code auto}: the first GPU when DJL sees one, else the CPU; {@code cpu}: always the CPU. */
  @WithDefault("auto")
  String device();

  /**
   * PyTorch intra-op threads on the CPU (unless {@code -Dai.djl.pytorch.num_threads} is given). One
   * by default: a small model's steps are bound by dispatching operators, not by arithmetic, so
   * more threads per operator only add synchronisation.
   */
  @WithDefault("1")
  int numThreads();

  /**
   * The most bytes the train and validation splits of one request may take in the heap; a larger
   * data set is refused before it is read (TrainingFailed with the figures). By default half the
   * heap.
   */
  Optional<Long> maxDataBytes();

  /**
   * How many times a request is started at most when its attempts never finish (the trainer was
   * killed or crashed during each); then it fails for good and goes to the dead-letter topic.
   */
  @WithDefault("2")
  int maxAttempts();
}
