package io.trainyard.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the devstack broker and store (one per test JVM, shared by all tests
 * in it), or Testcontainers' Kafka and MongoDB when run with {@code
 * -Dtrainyard.stack=testcontainers} where a Docker engine exists.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Stack stack = Stacks.forTests();
    return Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(),
        "quarkus.mongodb.connection-string", stack.mongoUri());
  }

  @Override
  public void stop() {
    // Shared across the test JVM; stopped by its shutdown hook.
  }
}
