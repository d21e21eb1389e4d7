package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.OffsetRange;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake partition for the publishing side: each record sent takes the next offset, and a range
 * writer's range is its first to its last record. One range writer at a time (asserted), as the
 * stage uses them.
 */
public final class TestLog<T> {

  /** Every record sent, in offset order. */
  public final List<T> records = new ArrayList<>();

  private boolean open;

  /** Starts a range writer; the last one must have finished. */
  public Writer start() {
    assertThat(open).as("a range writer starts only after the last one finished").isFalse();
    open = true;
    return new Writer(records.size());
  }

  /** A range writer on the log. */
  public final class Writer {
    private final int from;

    private Writer(int from) {
      this.from = from;
    }

    public void send(T record) {
      records.add(record);
    }

    /** Ends the writer: its range, offsets from its first record to past its last. */
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
