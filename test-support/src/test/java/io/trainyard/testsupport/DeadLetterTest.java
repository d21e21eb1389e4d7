package io.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static ConsumerRecord<String, byte[]> record(String key, String... headers) {
    ConsumerRecord<String, byte[]> r =
        new ConsumerRecord<>("trainyard.trainer.dlq.v1", 0, 7L, key, new byte[] {1, 2});
    for (int i = 0; i < headers.length; i += 2) {
      r.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return r;
  }

  @Test
  void readsWhatTheDeadLetterQueueStrategyWrote() {
    DeadLetter d =
        DeadLetter.of(
            record(
                "poison-1",
                EventHeaders.CE_TYPE,
                "trainyard.training.requested.v1",
                EventHeaders.DEAD_LETTER_REASON,
                "payload is not a valid trainyard.training.requested.v1",
                EventHeaders.DEAD_LETTER_CAUSE,
                "Protocol message end-group tag did not match",
                EventHeaders.DEAD_LETTER_TOPIC,
                "trainyard.training.requests.v1",
                EventHeaders.DEAD_LETTER_PARTITION,
                "0",
                EventHeaders.DEAD_LETTER_OFFSET,
                "42"));

    assertThat(d.key()).isEqualTo("poison-1");
    assertThat(d.value()).containsExactly(1, 2);
    assertThat(d.reason()).startsWith("payload is not a valid");
    assertThat(d.cause()).contains("end-group");
    assertThat(d.topic()).isEqualTo("trainyard.training.requests.v1");
    assertThat(d.partition()).isEqualTo(0);
    assertThat(d.offset()).isEqualTo(42L);
    assertThat(d.type()).isEqualTo("trainyard.training.requested.v1");
    assertThat(d.headers()).hasSize(6).containsEntry(EventHeaders.DEAD_LETTER_OFFSET, "42");
  }

  @Test
  void leavesOutWhatIsNotThere() {
    DeadLetter d =
        DeadLetter.of(record(null, EventHeaders.DEAD_LETTER_PARTITION, "x", "a", "1", "a", "2"));

    assertThat(d.key()).isNull();
    assertThat(d.reason()).isNull();
    assertThat(d.type()).isNull();
    assertThat(d.partition()).isNull();
    assertThat(d.offset()).isNull();
    assertThat(d.headers()).containsEntry("a", "2"); // the last value of a repeated header
  }
}
