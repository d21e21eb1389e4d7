package io.trainyard.labeling.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trainyard.contracts.events.v1.Split;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * The stage's meters: {@code trainyard.labeling.datasets} (outcome processed|duplicate|failed),
 * {@code trainyard.labeling.rows} and {@code trainyard.labeling.batches} (split
 * train|validation|test), {@code trainyard.labeling.batching} (source stream|replay: where a
 * version's batches were made), {@code trainyard.labeling.stream.chunks} (cleaned chunks batched as
 * they were published), and the {@code trainyard.labeling.duration} timer.
 */
@ApplicationScoped
public class LabelingMetrics {

  private final Counter processed;
  private final Counter duplicate;
  private final Counter failed;
  private final Counter[] rows = new Counter[4];
  private final Counter[] batches = new Counter[4];
  private final Timer duration;
  private final Counter batchedStream;
  private final Counter batchedReplay;
  private final Counter streamedChunks;

  public LabelingMetrics(MeterRegistry registry) {
    processed = datasets(registry, "processed");
    duplicate = datasets(registry, "duplicate");
    failed = datasets(registry, "failed");
    for (Split s : new Split[] {Split.TRAIN, Split.VALIDATION, Split.TEST}) {
      String tag = s.name().toLowerCase(Locale.ROOT);
      rows[s.getNumber()] =
          Counter.builder("trainyard.labeling.rows")
              .description("Labeled rows put into batches, by split")
              .tag("split", tag)
              .register(registry);
      batches[s.getNumber()] =
          Counter.builder("trainyard.labeling.batches")
              .description("PreparedBatches published, by split")
              .tag("split", tag)
              .register(registry);
    }
    duration =
        Timer.builder("trainyard.labeling.duration")
            .description("Time to label and batch one data set version")
            .register(registry);
    batchedStream = batching(registry, "stream");
    batchedReplay = batching(registry, "replay");
    streamedChunks =
        Counter.builder("trainyard.labeling.stream.chunks")
            .description("Cleaned chunks labeled and batched as they were published")
            .register(registry);
  }

  private static Counter batching(MeterRegistry registry, String source) {
    return Counter.builder("trainyard.labeling.batching")
        .description("Data set versions whose batches were made from the stream or a replay")
        .tag("source", source)
        .register(registry);
  }

  private static Counter datasets(MeterRegistry registry, String outcome) {
    return Counter.builder("trainyard.labeling.datasets")
        .description("DatasetProfiled events handled, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  public void split(Split split, long rowCount, long batchCount) {
    rows[split.getNumber()].increment(rowCount);
    batches[split.getNumber()].increment(batchCount);
  }

  public void processed(Duration took) {
    processed.increment();
    duration.record(took);
  }

  /** A version's batches were made from the stream ({@code true}) or a replay. */
  public void batched(boolean streamed) {
    (streamed ? batchedStream : batchedReplay).increment();
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
