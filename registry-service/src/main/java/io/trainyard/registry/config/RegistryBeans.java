package io.trainyard.registry.config;

import io.trainyard.registry.Registrar;
import io.trainyard.registry.RegistryQueries;
import io.trainyard.registry.RegistryStore;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain domain classes into CDI. */
public class RegistryBeans {

  @Produces
  @Singleton
  Registrar registrar(RegistryStore store, Registrar.Publisher publisher) {
    return new Registrar(store, publisher, Clock.systemUTC(), Envelopes::newEventId);
  }

  @Produces
  @Singleton
  RegistryQueries queries(RegistryStore store, RegistryConfig config) {
    return new RegistryQueries(store, config.defaultPageSize(), config.maxPageSize());
  }
}
