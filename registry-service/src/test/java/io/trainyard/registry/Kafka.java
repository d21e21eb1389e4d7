package io.trainyard.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain Kafka clients on the test broker: what the evaluator would send, and topic readers. */
final class Kafka {

  private Kafka() {}

  static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  /** Sends a record and waits for the broker; {@code ceType} null sends no CloudEvents headers. */
  static void send(String topic, String key, byte[] value, String ceType) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      RecordHeaders headers = new RecordHeaders();
      if (ceType != null) {
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_type", bytes(ceType));
        headers.add("ce_source", bytes("trainyard/evaluator-service"));
        headers.add("ce_subject", bytes(key));
        headers.add("content-type", bytes("application/protobuf"));
      }
      producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a topic from the beginning with a fresh group, keeping what it has seen. */
  static final class Reader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    Reader(String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap(),
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "registry-test-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  "false"),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    /** Polls once and returns every record seen so far with {@code key}. */
    List<ConsumerRecord<String, byte[]>> poll(String key) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
