package io.trainyard.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the registry service ({@code trainyard.registry.*}). */
@ConfigMapping(prefix = "trainyard.registry")
public interface RegistryConfig {

  /** MongoDB database holding the models and versions collections. */
  @WithDefault("trainyard_registry")
  String database();

  /** Page size of a list request that names none (AIP-158 default). */
  @WithDefault("50")
  int defaultPageSize();

  /** Largest page a list request gets; larger requests are cut down to it. */
  @WithDefault("1000")
  int maxPageSize();

  /** How long to wait for the broker to acknowledge a ModelVersionRegistered event. */
  @WithDefault("30s")
  Duration publishTimeout();
}
