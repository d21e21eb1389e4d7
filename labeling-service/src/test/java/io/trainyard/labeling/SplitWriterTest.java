package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batches of all splits arrive mixed; each split's ranges must hold that split's batches only, and
 * at most the hold limit of validation or test batches waits.
 */
class SplitWriterTest {

  final TestLog<Split> log = new TestLog<>();

  /** Range writers on the fake log, which records each batch's split. */
  SplitWriter.Writers writers() {
    return () -> {
      TestLog<Split>.Writer writer = log.start();
      return new SplitWriter.Writer() {
        @Override
        public void send(EncodedBatch batch) {
          writer.send(batch.split());
        }

        @Override
        public List<OffsetRange> finish() {
          return writer.finish();
        }
      };
    };
  }

  static EncodedBatch batch(Split split, int bytes) {
    return new EncodedBatch(split, 0, "e", new byte[bytes]);
  }

  @Test
  void trainingGoesOutAtOnceTheOtherSplitsInRangesOfTheirOwn() {
    SplitWriter writer = new SplitWriter(writers(), 300);
    // T V T E V T V(fills validation: 3 x 100 bytes) T E
    writer.accept(batch(Split.TRAIN, 100));
    writer.accept(batch(Split.VALIDATION, 100));
    writer.accept(batch(Split.TRAIN, 100));
    writer.accept(batch(Split.TEST, 100));
    writer.accept(batch(Split.VALIDATION, 100));
    assertThat(log.records).containsExactly(Split.TRAIN, Split.TRAIN);
    writer.accept(batch(Split.TRAIN, 100));
    writer.accept(batch(Split.VALIDATION, 100));
    assertThat(log.records)
        .containsExactly(
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.VALIDATION,
            Split.VALIDATION,
            Split.VALIDATION);
    writer.accept(batch(Split.TRAIN, 100));
    writer.accept(batch(Split.TEST, 100));
    Map<Split, List<OffsetRange>> ranges = writer.finish();

    // log: T T T V V V, then T E E
    assertThat(log.records.subList(6, log.records.size()))
        .containsExactly(Split.TRAIN, Split.TEST, Split.TEST);
    assertThat(ranges.get(Split.TRAIN))
        .extracting(OffsetRange::getFromOffset, OffsetRange::getToOffset)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, 3L),
            org.assertj.core.groups.Tuple.tuple(6L, 7L));
    assertThat(ranges.get(Split.VALIDATION))
        .extracting(OffsetRange::getFromOffset, OffsetRange::getToOffset)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 6L));
    assertThat(ranges.get(Split.TEST))
        .extracting(OffsetRange::getFromOffset, OffsetRange::getToOffset)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 9L));
    assertThat(writer.writersStarted()).isEqualTo(4);
    // every split's ranges hold its batches only
    for (Split s : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
      for (OffsetRange r : ranges.get(s)) {
        assertThat(log.records.subList((int) r.getFromOffset(), (int) r.getToOffset()))
            .containsOnly(s);
      }
    }
  }

  @Test
  void aSplitWithoutBatchesHasNoRanges() {
    SplitWriter writer = new SplitWriter(writers(), 1 << 20);
    writer.accept(batch(Split.TRAIN, 10));
    Map<Split, List<OffsetRange>> ranges = writer.finish();
    assertThat(ranges.get(Split.TRAIN)).hasSize(1);
    assertThat(ranges.get(Split.VALIDATION)).isEmpty();
    assertThat(ranges.get(Split.TEST)).isEmpty();
  }
}
