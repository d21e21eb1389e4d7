package io.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.toolkit.messaging.KafkaRangeWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Against the devstack's broker (one per test JVM); every test writes to a topic of its own. */
class KafkaRangeWriterTest {

  private final TestKafka kafka = TestKafka.forTests();

  private KafkaProducer<String, byte[]> producer(int maxRequestSize) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  @Test
  void sendsEveryRecordWithItsCloudEventsHeadersAndSaysWhereTheyLanded() {
    String topic = "test-support.range-writer." + UUID.randomUUID();
    Instant before = Instant.now();
    List<OffsetRange> ranges;
    try (KafkaProducer<String, byte[]> producer = producer(1 << 20)) {
      KafkaRangeWriter writer =
          new KafkaRangeWriter(producer, topic, EventTypes.ROW_CHUNK, "trainyard/test", 2);
      for (int i = 0; i < 7; i++) {
        writer.send("d", "e" + i, new byte[] {(byte) i, 1, 2});
      }
      ranges = writer.finish();
    }

    List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic);
    assertThat(records).hasSize(7);
    assertThat(ranges)
        .containsExactly(
            OffsetRange.newBuilder()
                .setTopic(topic)
                .setPartition(0)
                .setFromOffset(0)
                .setToOffset(7)
                .build());
    for (int i = 0; i < 7; i++) {
      ConsumerRecord<String, byte[]> r = records.get(i);
      assertThat(r.key()).isEqualTo("d");
      assertThat(r.value()).containsExactly((byte) i, 1, 2);
      Map<String, String> headers = TestKafka.headers(r);
      assertThat(headers)
          .containsEntry(EventHeaders.CE_SPECVERSION, "1.0")
          .containsEntry(EventHeaders.CE_ID, "e" + i)
          .containsEntry(EventHeaders.CE_SOURCE, "trainyard/test")
          .containsEntry(EventHeaders.CE_TYPE, EventTypes.ROW_CHUNK)
          .containsEntry(EventHeaders.CE_SUBJECT, "d")
          .containsEntry(EventHeaders.CONTENT_TYPE, EventHeaders.PROTOBUF);
      assertThat(Instant.parse(headers.get(EventHeaders.CE_TIME))).isBetween(before, Instant.now());
    }
  }

  @Test
  void aRecordTheBrokerRefusesFailsTheWriterWithTheReason() {
    String topic = "test-support.range-writer." + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer = producer(4096)) {
      KafkaRangeWriter writer =
          new KafkaRangeWriter(producer, topic, EventTypes.ROW_CHUNK, "trainyard/test", 4);
      writer.send("d", "small", new byte[10]);
      writer.send("d", "large", new byte[8192]);
      writer.send("d", "small again", new byte[10]);
      assertThatThrownBy(writer::finish)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("sending to " + topic + " failed")
          .hasMessageContaining("4096");
    }
    assertThat(kafka.readAll(topic)).hasSize(2);
  }
}
