package io.trainyard.cleaning.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The stage's meters: {@code trainyard.cleaning.datasets} (outcome processed|duplicate|failed),
 * {@code trainyard.cleaning.rows} (result kept|dropped), {@code trainyard.cleaning.values} (step
 * imputed|clipped) and the {@code trainyard.cleaning.duration} timer of processed data sets.
 */
@ApplicationScoped
public class CleaningMetrics {

  private final Counter processed;
  private final Counter duplicate;
  private final Counter failed;
  private final Counter rowsKept;
  private final Counter rowsDropped;
  private final Counter valuesImputed;
  private final Counter valuesClipped;
  private final Timer duration;

  public CleaningMetrics(MeterRegistry registry) {
    processed = datasets(registry, "processed");
    duplicate = datasets(registry, "duplicate");
    failed = datasets(registry, "failed");
    rowsKept = rows(registry, "kept");
    rowsDropped = rows(registry, "dropped");
    valuesImputed = values(registry, "imputed");
    valuesClipped = values(registry, "clipped");
    duration =
        Timer.builder("trainyard.cleaning.duration")
            .description("Time to clean one data set version (both passes and publishing)")
            .register(registry);
  }

  private static Counter datasets(MeterRegistry registry, String outcome) {
    return Counter.builder("trainyard.cleaning.datasets")
        .description("DatasetSealed events handled, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Counter rows(MeterRegistry registry, String result) {
    return Counter.builder("trainyard.cleaning.rows")
        .description("Rows cleaned, by result")
        .tag("result", result)
        .register(registry);
  }

  private static Counter values(MeterRegistry registry, String step) {
    return Counter.builder("trainyard.cleaning.values")
        .description("Values changed by cleaning, by step")
        .tag("step", step)
        .register(registry);
  }

  public void processed(Duration took, long kept, long dropped, long imputed, long clipped) {
    processed.increment();
    duration.record(took);
    rowsKept.increment(kept);
    rowsDropped.increment(dropped);
    valuesImputed.increment(imputed);
    valuesClipped.increment(clipped);
  }

  public void duplicate() {
    duplicate.increment();
  }

  public void failed() {
    failed.increment();
  }
}
