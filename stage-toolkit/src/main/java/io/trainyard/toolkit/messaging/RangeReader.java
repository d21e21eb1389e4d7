package io.trainyard.toolkit.messaging;

import com.google.protobuf.Parser;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.toolkit.wire.ChunkView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
 * can be replayed any number of times, by any stage, in any epoch. Its consumers take the stage's
 * Kafka settings from {@link KafkaClients} (client ids {@code <prefix>-replay-<n>}).
 */
public final class RangeReader {

  private static final Logger LOG = Logger.getLogger(RangeReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STALL = Duration.ofSeconds(60);

  private final KafkaClients clients;
  private final int partitionFetchBytes;
  private final int maxPollRecords;

  /**
   * A reader whose consumers take {@code clients}' settings (the stage's channels' own), with
   * fetches of up to 16 MiB a partition, 500 records a poll.
   */
  public RangeReader(KafkaClients clients) {
    this(clients, 16 * 1024 * 1024, 500);
  }

  /**
   * A reader with fetches of up to {@code partitionFetchBytes} and {@code maxPollRecords} records a
   * poll. A stage with a small heap wants smaller fetches: the consumer prefetches the next fetch
   * while the last is worked on, and fetch buffers that outlive a young collection are promoted and
   * cost full collections.
   */
  public RangeReader(KafkaClients clients, int partitionFetchBytes, int maxPollRecords) {
    this.clients = clients;
    this.partitionFetchBytes = partitionFetchBytes;
    this.maxPollRecords = maxPollRecords;
  }

  /**
   * Reads every record of {@code ranges} whose key is {@code key}, parses it and hands it to {@code
   * sink}, in offset order per partition; a record that does not parse is logged and skipped.
   *
   * @return the number of records handed to the sink
   */
  public <T extends com.google.protobuf.Message> long read(
      List<OffsetRange> ranges, String key, String type, Parser<T> parser, Consumer<T> sink) {
    return readRecords(
        ranges,
        key,
        r -> {
          try {
            sink.accept(Envelopes.parse(r.value(), type, parser));
            return true;
          } catch (PoisonEventException e) {
            LOG.warnf(
                "skipping %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            return false;
          }
        });
  }

  /**
   * Reads every RowChunk of {@code ranges} keyed {@code key} into a {@link ChunkView} (no message
   * objects) and hands it to {@code sink}, in offset order per partition; a record that is not a
   * RowChunk is logged and skipped.
   *
   * @return the number of chunks handed to the sink
   */
  public long readChunks(List<OffsetRange> ranges, String key, Consumer<ChunkView> sink) {
    return readRecords(
        ranges,
        key,
        r -> {
          ChunkView chunk;
          try {
            chunk = ChunkView.parse(r.value());
          } catch (IllegalArgumentException e) {
            LOG.warnf(
                "skipping %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            return false;
          }
          sink.accept(chunk);
          return true;
        });
  }

  /**
   * Hands every record of {@code ranges} keyed {@code key} to {@code sink}, in offset order per
   * partition; the sink answers whether it took the record.
   *
   * @return the number of records the sink took
   */
  public long readRecords(
      List<OffsetRange> ranges, String key, Predicate<ConsumerRecord<String, byte[]>> sink) {
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
            if (key.equals(r.key()) && sink.test(r)) {
              delivered++;
            }
          }
          position = Math.max(position, consumer.position(tp));
        }
      }
    }
    return delivered;
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, partitionFetchBytes);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, partitionFetchBytes);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A range is complete before anyone reads it, so a fetch that finds nothing new is the
    // consumer prefetching past the range's end: the broker should answer it at once rather than
    // park it for the default 500 ms, which closing the consumer would otherwise wait out.
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    // Socket buffer sized by the kernel to the fetches (see ChunkStream).
    c.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
    return clients.consumer("replay", c);
  }
}
