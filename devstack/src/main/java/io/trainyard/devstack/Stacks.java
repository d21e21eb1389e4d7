package io.trainyard.devstack;

/**
 * Chooses where tests get their broker and store: the devstack (default, no Docker needed) or
 * Testcontainers ({@code -Dtrainyard.stack=testcontainers}, needs a Docker engine and the {@code
 * testcontainers} Maven profile).
 */
public final class Stacks {

  private static Stack containers;

  private Stacks() {}

  /** The stack for this test JVM. */
  public static synchronized Stack forTests() {
    String kind = System.getProperty("trainyard.stack", "devstack");
    if ("testcontainers".equals(kind)) {
      if (containers == null) {
        containers = ContainerStack.start();
        Stack started = containers;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "containers-stop"));
      }
      return containers;
    }
    return DevStack.shared();
  }
}
