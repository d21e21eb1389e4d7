package io.trainyard.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
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
    Map<String, String> config = new HashMap<>();
    stack.kafkaClientConfig().forEach((key, value) -> config.put("kafka." + key, value));
    config.put("quarkus.mongodb.connection-string", stack.mongoUri());
    return config;
  }

  @Override
  public void stop() {
    // Shared across the test JVM; stopped by its shutdown hook.
  }
}
