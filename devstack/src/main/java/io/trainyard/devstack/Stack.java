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

  @Override
  void close();
}
