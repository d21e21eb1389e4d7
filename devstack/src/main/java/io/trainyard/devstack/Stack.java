package io.trainyard.devstack;

/** A running Kafka broker and MongoDB-wire store that services and tests connect to. */
public interface Stack extends AutoCloseable {

  /** Kafka {@code bootstrap.servers}. */
  String bootstrapServers();

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
    TopicProvisioner.create(bootstrapServers(), names);
  }

  @Override
  void close();
}
