package io.trainyard.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code trainyard.trainer.runs} (tag outcome = processed | duplicate | failed), {@code
 * trainyard.trainer.epochs}, {@code trainyard.trainer.samples} (training rows seen, all epochs) and
 * the {@code trainyard.trainer.duration} timer (requests that trained, whatever the outcome).
 */
public final class TrainerMetrics {

  public enum Outcome {
    PROCESSED,
    DUPLICATE,
    FAILED;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Counter epochs;
  private final Counter samples;
  private final Timer duration;

  public TrainerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.epochs =
        Counter.builder("trainyard.trainer.epochs")
            .description("Epochs trained")
            .register(registry);
    this.samples =
        Counter.builder("trainyard.trainer.samples")
            .description("Training rows seen, over all epochs")
            .register(registry);
    this.duration =
        Timer.builder("trainyard.trainer.duration")
            .description("Time from a training request to its result")
            .register(registry);
    for (Outcome o : Outcome.values()) {
      runs(o); // register every outcome at zero, so dashboards see them from the start
    }
  }

  private Counter runs(Outcome outcome) {
    return Counter.builder("trainyard.trainer.runs")
        .description("Training requests by outcome")
        .tag("outcome", outcome.tag())
        .register(registry);
  }

  public void run(Outcome outcome) {
    runs(outcome).increment();
  }

  public void epoch(long rows) {
    epochs.increment();
    samples.increment(rows);
  }

  public void duration(Duration d) {
    duration.record(d);
  }
}
