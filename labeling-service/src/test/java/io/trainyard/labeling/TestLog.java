package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.OffsetRange;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake partition for the publishing side: each record sent takes the next offset, and a run's
 * range is its first to its last record. Runs never overlap (asserted), as the stage publishes
 * them.
 */
public final class TestLog<T> {

  /** Every record sent, in offset order. */
  public final List<T> records = new ArrayList<>();

  private boolean open;

  /** Starts a run of records; the last run must have finished. */
  public Run start() {
    assertThat(open).as("a run starts only after the last one finished").isFalse();
    open = true;
    return new Run(records.size());
  }

  /** One run of records. */
  public final class Run {
    private final int from;

    private Run(int from) {
      this.from = from;
    }

    public void send(T record) {
      records.add(record);
    }

    /** Ends the run: its range, offsets from its first record to past its last. */
    public List<OffsetRange> finish() {
      open = false;
      return List.of(
          OffsetRange.newBuilder()
              .setTopic("t")
              .setFromOffset(from)
              .setToOffset(records.size())
              .build());
    }
  }
}
