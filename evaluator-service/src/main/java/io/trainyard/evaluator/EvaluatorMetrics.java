package io.trainyard.evaluator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code trainyard.evaluator.requests} (TrainingRequested decisions) and {@code
 * trainyard.evaluator.evaluations} (trained models evaluated), both tagged outcome = processed |
 * duplicate | failed, and the {@code trainyard.evaluator.duration} timer of evaluations.
 */
public final class EvaluatorMetrics {

  public enum Outcome {
    PROCESSED,
    DUPLICATE,
    FAILED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Timer duration;

  public EvaluatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duration =
        Timer.builder("trainyard.evaluator.duration")
            .description("Time to evaluate a trained model on its test split")
            .register(registry);
    for (Outcome o : Outcome.values()) {
      counter("trainyard.evaluator.requests", "Prepared data sets by outcome", o);
      counter("trainyard.evaluator.evaluations", "Trained models evaluated by outcome", o);
    }
  }

  private Counter counter(String name, String description, Outcome outcome) {
    return Counter.builder(name)
        .description(description)
        .tag("outcome", outcome.tag())
        .register(registry);
  }

  public void request(Outcome outcome) {
    counter("trainyard.evaluator.requests", "Prepared data sets by outcome", outcome).increment();
  }

  public void evaluation(Outcome outcome) {
    counter("trainyard.evaluator.evaluations", "Trained models evaluated by outcome", outcome)
        .increment();
  }

  public void duration(Duration d) {
    duration.record(d);
  }
}
