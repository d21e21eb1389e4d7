package io.trainyard.contracts.messaging;

import jakarta.annotation.PreDestroy;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The base of a stage's bean that follows a chunk topic with a {@link ChunkStream}: it holds the
 * stream, stops it, and answers as a health check (up while the stream's consumer polls, with the
 * chunks and dead letters so far; up and marked not enabled when there is no stream). A subclass
 * (an application-scoped bean) starts the stream at start-up ({@link #follow}); it is stopped when
 * the bean is destroyed, at shutdown.
 */
public abstract class ChunkStreamCheck implements HealthCheck {

  private volatile ChunkStream stream;

  /** The health check's name, e.g. {@code raw-chunks stream}. */
  protected abstract String checkName();

  /** Holds {@code stream} as the one this bean follows. */
  protected final void follow(ChunkStream stream) {
    this.stream = stream;
  }

  /** Stops the stream followed, if any. */
  @PreDestroy
  protected void stopFollowing() {
    ChunkStream s = stream;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public HealthCheckResponse call() {
    ChunkStream s = stream;
    if (s == null) {
      return HealthCheckResponse.named(checkName()).up().withData("enabled", false).build();
    }
    return HealthCheckResponse.named(checkName())
        .status(s.healthy())
        .withData("chunks", s.chunks())
        .withData("dead-letters", s.deadLetters())
        .build();
  }
}
