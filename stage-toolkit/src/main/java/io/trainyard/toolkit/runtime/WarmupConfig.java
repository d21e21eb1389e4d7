package io.trainyard.toolkit.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The warm-up's switch, the same in every service ({@code trainyard.warm-up.*}). */
@ConfigMapping(prefix = "trainyard.warm-up")
public interface WarmupConfig {

  /**
   * Whether the service rehearses its hot paths after start (off: its first data sets run while the
   * JIT compiles them).
   */
  @WithDefault("true")
  boolean enabled();
}
