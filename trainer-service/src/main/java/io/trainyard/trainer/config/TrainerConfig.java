package io.trainyard.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
