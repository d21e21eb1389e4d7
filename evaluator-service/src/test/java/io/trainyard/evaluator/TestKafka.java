package io.trainyard.evaluator;

import com.google.protobuf.Message;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.messaging.Envelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain producer and consumers on the test broker, speaking the CloudEvents binary headers. */
final class TestKafka implements AutoCloseable {

  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;

  TestKafka(String bootstrap) {
    this.bootstrap = bootstrap;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * 1024 * 1024),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Publishes an event as the services do and waits for the broker. */
  RecordMetadata publish(String topic, String key, Message payload) {
    return send(topic, key, EventTypes.of(payload), payload.toByteArray());
  }

  /** Publishes raw bytes with {@code type} as ce_type (no CloudEvents headers when null). */
  RecordMetadata send(String topic, String key, String type, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    if (type != null) {
      header(headers, "ce_specversion", "1.0");
      header(headers, "ce_id", UUID.randomUUID().toString());
      header(headers, "ce_source", "trainyard/tests");
      header(headers, Envelopes.CE_TYPE, type);
      header(headers, "ce_subject", key);
      header(headers, "content-type", "application/protobuf");
    }
    try {
      return producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a topic from its beginning; {@link Reader#poll()} adds what arrived since. */
  Reader reader(String topic) {
    return new Reader(bootstrap, topic);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  static final class Reader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    Reader(String bootstrap, String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "test-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    /** Everything read so far, after one more poll. */
    List<ConsumerRecord<String, byte[]>> poll() {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      return records;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** The last value of a header, as text. */
  static String header(ConsumerRecord<?, ?> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
