package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a data set's batches so that each split's ranges hold that split's batches only, while
 * the batches of all splits arrive mixed, in row order: training batches go out as they come;
 * validation and test batches wait in memory, up to {@code holdBytes} per split, and go out
 * together when that fills up (and at {@link #finish()}). Each stretch of consecutive sends of one
 * split goes through a {@link Writer} of its own, finished (acknowledged) before the next one
 * starts, so stretches never interleave in the log and each split's ranges are the list of its
 * writers' ranges.
 *
 * <p>So a reader of one split (the trainer, the evaluator) reads nothing of the other splits, the
 * heap holds at most {@code 2 x holdBytes} of waiting batches, and almost nothing is left to
 * publish when the last row arrives. Not thread-safe.
 */
public final class SplitWriter {

  /** Starts writers, each of a stretch of consecutive records. */
  @FunctionalInterface
  public interface Writers {
    Writer start();
  }

  /**
   * One stretch of records, sent in order; {@link #finish()} waits for them and says where they
   * are.
   */
  public interface Writer {
    void send(EncodedBatch batch);

    List<OffsetRange> finish();
  }

  private static final Split[] HELD = {Split.VALIDATION, Split.TEST};

  private final Writers writers;
  private final long holdBytes;
  private final Map<Split, List<OffsetRange>> ranges = new EnumMap<>(Split.class);
  private final Map<Split, List<EncodedBatch>> held = new EnumMap<>(Split.class);
  private final Map<Split, long[]> heldBytes = new EnumMap<>(Split.class);
  private Split current;
  private Writer writer;
  private long writersStarted;

  /**
   * @param holdBytes validation (and test) batches held back at most, in serialized bytes, before
   *     they go out, through one writer
   */
  public SplitWriter(Writers writers, long holdBytes) {
    this.writers = writers;
    this.holdBytes = holdBytes;
    for (Split s : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      ranges.put(s, new ArrayList<>());
    }
    for (Split s : HELD) {
      held.put(s, new ArrayList<>());
      heldBytes.put(s, new long[1]);
    }
  }

  /** Publishes (or holds back) one batch. */
  public void accept(EncodedBatch batch) {
    Split split = batch.split();
    List<EncodedBatch> waiting = held.get(split);
    if (waiting == null) {
      send(batch);
      return;
    }
    waiting.add(batch);
    long[] size = heldBytes.get(split);
    size[0] += batch.bytes().length;
    if (size[0] >= holdBytes) {
      release(split);
    }
  }

  /** Publishes whatever waits, waits for every acknowledgement and returns each split's ranges. */
  public Map<Split, List<OffsetRange>> finish() {
    for (Split s : HELD) {
      release(s);
    }
    finishWriter();
    return ranges;
  }

  /** Writers started so far (each split switch starts one). */
  public long writersStarted() {
    return writersStarted;
  }

  private void release(Split split) {
    List<EncodedBatch> waiting = held.get(split);
    for (EncodedBatch b : waiting) {
      send(b);
    }
    waiting.clear();
    heldBytes.get(split)[0] = 0;
  }

  private void send(EncodedBatch batch) {
    Split split = batch.split();
    if (writer == null || split != current) {
      finishWriter();
      writer = writers.start();
      current = split;
      writersStarted++;
    }
    writer.send(batch);
  }

  private void finishWriter() {
    if (writer != null) {
      ranges.computeIfAbsent(current, s -> new ArrayList<>()).addAll(writer.finish());
      writer = null;
    }
  }
}
