package io.trainyard.toolkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.OffsetRange;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private static RecordMetadata sent(int partition, long offset) {
    return new RecordMetadata(new TopicPartition("t", partition), offset, 0, 0L, 1, 1);
  }

  @Test
  void foldsOutOfOrderAcksIntoHalfOpenRangesPerPartition() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.add(sent(0, 12));
    tracker.add(sent(1, 3));
    tracker.add(sent(0, 10));
    tracker.add(sent(0, 11));

    assertThat(tracker.records()).isEqualTo(4);
    assertThat(tracker.ranges())
        .containsExactly(
            OffsetRange.newBuilder()
                .setTopic("t")
                .setPartition(0)
                .setFromOffset(10)
                .setToOffset(13)
                .build(),
            OffsetRange.newBuilder()
                .setTopic("t")
                .setPartition(1)
                .setFromOffset(3)
                .setToOffset(4)
                .build());
  }
}
