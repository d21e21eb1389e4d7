package io.trainyard.cleaning.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;

/**
 * The stage's meters: {@code trainyard.cleaning.datasets} (outcome processed|duplicate|failed),
 * {@code trainyard.cleaning.rows} (result kept|dropped), {@code trainyard.cleaning.values} (step
 * imputed|clipped), the {@code trainyard.cleaning.duration} timer of processed data sets, {@code
 * trainyard.cleaning.pass1} (source stream|replay) and {@code trainyard.cleaning.pass2} (source
 * memory|replay): which way each version's passes read the raw chunks, and {@code
 * trainyard.cleaning.stream.chunks} (raw chunks folded as they were published).
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
  private final Counter pass1Stream;
  private final Counter pass1Replay;
  private final Counter pass2Memory;
  private final Counter pass2Replay;
  private final Counter streamedChunks;

  public CleaningMetrics(MeterRegistry registry) {
    Function<String, Counter> datasets =
        family(
            registry,
            "trainyard.cleaning.datasets",
            "DatasetSealed events handled, by outcome",
            "outcome");
    processed = datasets.apply("processed");
    duplicate = datasets.apply("duplicate");
    failed = datasets.apply("failed");
    Function<String, Counter> rows =
        family(registry, "trainyard.cleaning.rows", "Rows cleaned, by result", "result");
    rowsKept = rows.apply("kept");
    rowsDropped = rows.apply("dropped");
    Function<String, Counter> values =
        family(
            registry, "trainyard.cleaning.values", "Values changed by cleaning, by step", "step");
    valuesImputed = values.apply("imputed");
    valuesClipped = values.apply("clipped");
    duration =
        Timer.builder("trainyard.cleaning.duration")
            .description("Time to clean one data set version (both passes and publishing)")
            .register(registry);
    Function<String, Counter> pass1 =
        family(
            registry,
            "trainyard.cleaning.pass1",
            "Data set versions whose training statistics came from the stream or a replay",
            "source");
    pass1Stream = pass1.apply("stream");
    pass1Replay = pass1.apply("replay");
    Function<String, Counter> pass2 =
        family(
            registry,
            "trainyard.cleaning.pass2",
            "Data set versions whose raw chunks pass 2 read from memory (kept by the stream) or"
                + " replayed from Kafka",
            "source");
    pass2Memory = pass2.apply("memory");
    pass2Replay = pass2.apply("replay");
    streamedChunks =
        Counter.builder("trainyard.cleaning.stream.chunks")
            .description("Raw chunks folded into pass-1 statistics as they were published")
            .register(registry);
  }

  /** The counters of one name that differ by the value of {@code tag}. */
  private static Function<String, Counter> family(
      MeterRegistry registry, String name, String description, String tag) {
    return value ->
        Counter.builder(name).description(description).tag(tag, value).register(registry);
  }

  public void processed(Duration took, long kept, long dropped, long imputed, long clipped) {
    processed.increment();
    duration.record(took);
    rowsKept.increment(kept);
    rowsDropped.increment(dropped);
    valuesImputed.increment(imputed);
    valuesClipped.increment(clipped);
  }

  /** Pass 1 of a data set version came from the stream ({@code true}) or a replay. */
  public void pass1(boolean streamed) {
    (streamed ? pass1Stream : pass1Replay).increment();
  }

  /** Pass 2 of a data set version read the chunks the stream kept ({@code true}) or a replay. */
  public void pass2(boolean fromMemory) {
    (fromMemory ? pass2Memory : pass2Replay).increment();
  }

  public void streamedChunk() {
    streamedChunks.increment();
  }

  public void duplicate() {
    duplicate.increment();
  }

  public void failed() {
    failed.increment();
  }
}
