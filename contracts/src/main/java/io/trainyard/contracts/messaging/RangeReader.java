package io.trainyard.contracts.messaging;

import com.google.protobuf.Parser;
import io.trainyard.contracts.events.v1.OffsetRange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Re-reads the offset ranges that describe a data set, keeping the records keyed by that data set.
 * Uses a plain assigned consumer (no group, no commits): a range is immutable once published, so it
 * can be replayed any number of times, by any stage, in any epoch.
 */
public final class RangeReader {

  private static final Logger LOG = Logger.getLogger(RangeReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STALL = Duration.ofSeconds(60);

  private final String bootstrapServers;

  public RangeReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Reads every record of {@code ranges} whose key is {@code key}, parses it and hands it to {@code
   * sink}, in offset order per partition.
   *
   * @return the number of records handed to the sink
   */
  public <T extends com.google.protobuf.Message> long read(
      List<OffsetRange> ranges, String key, String type, Parser<T> parser, Consumer<T> sink) {
    long delivered = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config())) {
      for (OffsetRange range : ranges) {
        if (range.getToOffset() <= range.getFromOffset()) {
          continue;
        }
        TopicPartition tp = new TopicPartition(range.getTopic(), range.getPartition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, range.getFromOffset());
        long position = range.getFromOffset();
        long lastProgress = System.nanoTime();
        while (position < range.getToOffset()) {
          var records = consumer.poll(POLL);
          if (records.isEmpty()) {
            if (System.nanoTime() - lastProgress > STALL.toNanos()) {
              throw new IllegalStateException(
                  "no progress reading " + tp + " at offset " + position + " of " + range);
            }
            continue;
          }
          lastProgress = System.nanoTime();
          for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
            if (r.offset() >= range.getToOffset()) {
              position = r.offset();
              break;
            }
            position = r.offset() + 1;
            if (!key.equals(r.key())) {
              continue;
            }
            T value;
            try {
              value = Envelopes.parse(r.value(), type, parser);
            } catch (PoisonEventException e) {
              LOG.warnf(
                  "skipping %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
              continue;
            }
            sink.accept(value);
            delivered++;
          }
          position = Math.max(position, consumer.position(tp));
        }
      }
    }
    return delivered;
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new HashMap<>(c);
  }
}
