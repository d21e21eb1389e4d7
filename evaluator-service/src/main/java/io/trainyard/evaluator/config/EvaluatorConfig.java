package io.trainyard.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the evaluator ({@code trainyard.evaluator.*}). */
@ConfigMapping(prefix = "trainyard.evaluator")
public interface EvaluatorConfig {

  /** MongoDB database of this stage (collection {@code experiments}). */
  @WithDefault("trainyard_evaluator")
  String database();

  /**
   * PyTorch intra-op threads for predicting (unless {@code -Dai.djl.pytorch.num_threads} is given).
   */
  @WithDefault("1")
  int numThreads();
}
