package io.trainyard.toolkit.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives every service built on the toolkit its {@link KafkaClients} bean: the settings of the
 * clients it builds beside its channels ({@link RangeReader}s, {@link ChunkStream}s) are the
 * channels' global {@code kafka.*} configuration, as Quarkus hands it to SmallRye's connector (the
 * {@code default-kafka-broker} map), with client ids after the application's name. One producer
 * here, found through the jar's Jandex index, so that no stage declares its own: a second one in a
 * stage would make the bean ambiguous.
 */
@Singleton
public class KafkaClientsProducer {

  @Produces
  @Singleton
  KafkaClients kafkaClients(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    return KafkaClients.forChannels(kafka, application);
  }
}
