package io.trainyard.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Ingest's meters: {@code trainyard.ingest.datasets} (tag outcome = processed | rejected | failed),
 * {@code trainyard.ingest.rows} and {@code trainyard.ingest.chunks} (published), {@code
 * trainyard.ingest.rejected} (tag reason = spec | csv | not-enough-data), and the {@code
 * trainyard.ingest.duration} timer of whole uploads.
 */
public final class IngestMetrics {

  /** Why an upload was refused: the values of the {@code reason} tag. */
  public enum Reason {
    SPEC("spec"),
    CSV("csv"),
    NOT_ENOUGH_DATA("not-enough-data");

    final String tag;

    Reason(String tag) {
      this.tag = tag;
    }
  }

  private final Counter processed;
  private final Counter rejected;
  private final Counter failed;
  private final Counter rows;
  private final Counter chunks;
  private final Counter[] rejectedBy = new Counter[Reason.values().length];
  private final Timer duration;

  public IngestMetrics(MeterRegistry registry) {
    processed = datasets(registry, "processed");
    rejected = datasets(registry, "rejected");
    failed = datasets(registry, "failed");
    rows =
        Counter.builder("trainyard.ingest.rows")
            .description("Rows published in sealed data sets")
            .register(registry);
    chunks =
        Counter.builder("trainyard.ingest.chunks")
            .description("RowChunk records published")
            .register(registry);
    for (Reason r : Reason.values()) {
      rejectedBy[r.ordinal()] =
          Counter.builder("trainyard.ingest.rejected")
              .description("Uploads refused, by reason")
              .tag("reason", r.tag)
              .register(registry);
    }
    duration =
        Timer.builder("trainyard.ingest.duration")
            .description("Time to ingest one upload, both passes and publishing included")
            .register(registry);
  }

  private static Counter datasets(MeterRegistry registry, String outcome) {
    return Counter.builder("trainyard.ingest.datasets")
        .description("Uploads by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void sealed(long rowCount, long chunkCount) {
    processed.increment();
    rows.increment(rowCount);
    chunks.increment(chunkCount);
  }

  void rejected(Reason reason) {
    rejected.increment();
    rejectedBy[reason.ordinal()].increment();
  }

  void failed() {
    failed.increment();
  }

  Timer duration() {
    return duration;
  }
}
