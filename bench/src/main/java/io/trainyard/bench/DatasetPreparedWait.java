package io.trainyard.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a harness's clock stops when it times an upload through ingest, cleaning and labeling: the
 * data set's DatasetPrepared. Opened before the upload starts, it has a consumer at the end of
 * labeling's data-set topic already, so the event cannot come before it is looked for; {@link
 * #await} then waits for the event keyed by the data set's name.
 */
final class DatasetPreparedWait implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;

  /** A consumer on the broker at {@code bootstrap}, at the end of every partition of the topic. */
  DatasetPreparedWait(String bootstrap) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", "bench-" + UUID.randomUUID());
    c.put("auto.offset.reset", "latest");
    c.put("key.deserializer", StringDeserializer.class.getName());
    c.put("value.deserializer", ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(c);
    try {
      consumer.subscribe(List.of(Topics.LABELING_DATASETS));
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      consumer.seekToEnd(consumer.assignment());
      // seekToEnd is lazy: resolve the positions now, before the upload starts.
      consumer.assignment().forEach(consumer::position);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** The DatasetPrepared of data set {@code name}; fails if none comes within {@code timeout}. */
  DatasetPrepared await(String name, Duration timeout) throws InvalidProtocolBufferException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        Header type = r.headers().lastHeader(EventHeaders.CE_TYPE);
        if (name.equals(r.key())
            && type != null
            && EventTypes.DATASET_PREPARED.equals(
                new String(type.value(), StandardCharsets.UTF_8))) {
          return DatasetPrepared.parseFrom(r.value());
        }
      }
    }
    throw new IllegalStateException(
        "no DatasetPrepared for " + name + " within " + timeout.toMinutes() + " minutes");
  }

  @Override
  public void close() {
    consumer.close();
  }
}
