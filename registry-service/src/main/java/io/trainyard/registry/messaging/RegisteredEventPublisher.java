package io.trainyard.registry.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.registry.Registrar;
import io.trainyard.registry.config.RegistryConfig;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes {@code ModelVersionRegistered} on {@code trainyard.registry.events.v1}, keyed by the
 * model name, and waits for the broker's acknowledgement (the version is marked published only
 * then).
 */
@ApplicationScoped
public class RegisteredEventPublisher implements Registrar.Publisher {

  private final MutinyEmitter<byte[]> emitter;
  private final RegistryConfig config;

  public RegisteredEventPublisher(
      @Channel("registry-events") MutinyEmitter<byte[]> emitter, RegistryConfig config) {
    this.emitter = emitter;
    this.config = config;
  }

  @Override
  public void publish(ModelVersionRegistered event) {
    emitter
        .sendMessage(Envelopes.wrap(event.getModelName(), event, event.getEventId()))
        .await()
        .atMost(config.publishTimeout());
  }
}
