package io.trainyard.toolkit.messaging;

import jakarta.annotation.PreDestroy;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The base of a stage's bean that follows a chunk topic with a {@link ChunkStream}: it holds the
 * stream, stops it, and answers as a health check (up while the stream's consumer polls, with the
 * chunks and dead letters so far; up and marked not enabled when there is no stream). A subclass
 * (an application-scoped bean) starts the stream at start-up ({@link #follow}, which does nothing
 * when the stage's settings turn the stream off); it is stopped when the bean is destroyed, at
 * shutdown.
 */
public abstract class ChunkStreamCheck implements HealthCheck {

  private volatile ChunkStream stream;

  /** The health check's name, e.g. {@code raw-chunks stream}. */
  protected abstract String checkName();

  /**
   * Follows {@code topic} on a thread named {@code thread} with clients built from {@code clients},
   * handing each chunk to {@code sink} and each record that is not one to {@code deadLetterTopic},
   * when {@code settings} enable it.
   */
  protected final void follow(
      String thread,
      KafkaClients clients,
      String topic,
      String deadLetterTopic,
      ChunkStreamConfig settings,
      ChunkStream.Sink sink) {
    if (settings.enabled()) {
      this.stream =
          ChunkStream.start(
              thread,
              ChunkStream.Settings.following(clients, topic, deadLetterTopic, settings),
              sink);
    }
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
