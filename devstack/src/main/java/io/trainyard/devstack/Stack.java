package io.trainyard.devstack;

/** A running Kafka broker and MongoDB-wire store that services and tests connect to. */
public interface Stack extends AutoCloseable {

  /** Kafka {@code bootstrap.servers}. */
  String bootstrapServers();

  /**
   * What a Kafka client needs to connect: {@code bootstrap.servers} and, for a broker that
   * authenticates its clients, {@code security.protocol}, {@code sasl.mechanism} and {@code
   * sasl.jaas.config} (a service takes each as {@code kafka.<key>}).
   */
  default java.util.Map<String, String> kafkaClientConfig() {
    return java.util.Map.of("bootstrap.servers", bootstrapServers());
  }

  /** MongoDB connection string. */
  String mongoUri();

  /** Process ids of the processes that make up the stack (empty when not local). */
  default java.util.List<Long> pids() {
    return java.util.List.of();
  }

  /**
   * Creates the topics that do not exist yet, with the broker's default partitions and replication
   * factor, and waits until they are there; so that services find their topics at start rather than
   * relying on the broker creating them on first use.
   */
  default void createTopics(java.util.Collection<String> names) {
    TopicProvisioner.create(kafkaClientConfig(), names);
  }

  @Override
  void close();
}
