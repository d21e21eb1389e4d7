package io.trainyard.toolkit.messaging;

import io.trainyard.contracts.EventHeaders;
import io.trainyard.toolkit.wire.ChunkView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Follows a topic of RowChunks as it is written, with a plain Kafka consumer on a thread of its
 * own, and hands each chunk to a sink on that thread, in offset order per partition. A record that
 * is not a RowChunk, or that the sink fails on, goes to the dead-letter topic with the reason, in
 * the headers SmallRye's dead-letter-queue strategy writes ({@code dead-letter-reason}, {@code
 * -cause}, {@code -topic}, {@code -partition}, {@code -offset}); the stream goes on with the next.
 *
 * <p>For the bulk streams only (cleaning's pass 1, labeling's batching), where a record is a chunk
 * of thousands of rows and the stage's work on it is all that matters: the consumer hands out each
 * value as a slice of the fetched response ({@code ByteBufferDeserializer}) and the chunk is parsed
 * where it was received, with no copy, and no event loop, reactive stream or worker hand-off stands
 * between the poll and the sink, as they would in a reactive-messaging channel (ADR 0006). The data
 * set events stay on their channels.
 *
 * <p>Offsets are committed automatically: the streams these feed are an optimisation whose misses
 * (a restart, a rebalance) the stage makes up by replaying the data set's ranges, so a chunk seen
 * twice or not at all costs time, never correctness. A failure of the consumer itself (the broker
 * gone) is logged and the consumer started again after a pause; {@link #healthy()} says whether the
 * stream is running now ({@link ChunkStreamCheck} reports it as a health check).
 *
 * <p>The consumer and the dead-letter producer take the stage's Kafka settings from {@link
 * KafkaClients} (the channels' own: servers, security, client settings), with client ids {@code
 * <prefix>-<name>-<n>} and {@code <prefix>-<name>-dead-letters-<n>}.
 */
public final class ChunkStream implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ChunkStream.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  /** What is done with each chunk, on the stream's thread. */
  @FunctionalInterface
  public interface Sink {
    void accept(ChunkView chunk);
  }

  /**
   * Where and how to read.
   *
   * @param clients the stage's Kafka settings (the channels' own), which the stream's consumer and
   *     dead-letter producer are built from
   * @param topic the chunk topic followed
   * @param groupId the consumer group (its own, not the stage's data set events' group)
   * @param offsetReset where a group without committed offsets starts ({@code latest}: a stream
   *     that starts late leaves the rest to a replay)
   * @param deadLetterTopic where records that are not chunks go, with the reason
   * @param maxPollRecords records handed out per poll at most
   * @param fetchBytes bytes fetched per request at most (and per partition)
   * @param pollTimeout how long a poll waits for records
   */
  public record Settings(
      KafkaClients clients,
      String topic,
      String groupId,
      String offsetReset,
      String deadLetterTopic,
      int maxPollRecords,
      int fetchBytes,
      Duration pollTimeout) {

    /**
     * A stage's stream of {@code topic}: its own group {@code groupId}, starting at the end of the
     * log when the group has no offsets (what it misses is replayed), fetching as {@code config}
     * says.
     */
    public static Settings following(
        KafkaClients clients, String topic, String deadLetterTopic, ChunkStreamConfig config) {
      return new Settings(
          clients,
          topic,
          config.groupId(),
          "latest",
          deadLetterTopic,
          config.maxPollRecords(),
          config.fetchBytes(),
          config.pollTimeout());
    }
  }

  private final Settings settings;
  private final Sink sink;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong chunks = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean polling;
  private volatile KafkaConsumer<String, ByteBuffer> consumer;
  private KafkaProducer<String, byte[]> deadLetterProducer;

  private ChunkStream(String name, Settings settings, Sink sink) {
    this.settings = settings;
    this.sink = sink;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Starts following {@code settings.topic()} on a new thread named {@code name}. */
  public static ChunkStream start(String name, Settings settings, Sink sink) {
    ChunkStream stream = new ChunkStream(name, settings, sink);
    stream.thread.start();
    return stream;
  }

  /** Whether the stream's consumer is polling now (not stopped, not waiting to start again). */
  public boolean healthy() {
    return running && polling && thread.isAlive();
  }

  /** Chunks handed to the sink so far. */
  public long chunks() {
    return chunks.get();
  }

  /** Records sent to the dead-letter topic so far. */
  public long deadLetters() {
    return deadLetters.get();
  }

  private void run() {
    try {
      while (running) {
        try (KafkaConsumer<String, ByteBuffer> c = new KafkaConsumer<>(consumerConfig())) {
          consumer = c;
          if (!running) {
            break; // closed while the consumer was being made
          }
          c.subscribe(List.of(settings.topic()));
          polling = true;
          while (running) {
            for (ConsumerRecord<String, ByteBuffer> r : c.poll(settings.pollTimeout())) {
              handle(r);
            }
          }
        } catch (WakeupException e) {
          // close() woke the poll up
        } catch (RuntimeException e) {
          if (running) {
            LOG.errorf(e, "%s: reading %s failed; starting again", name(), settings.topic());
            pause();
          }
        } finally {
          polling = false;
          consumer = null;
        }
      }
    } finally {
      if (deadLetterProducer != null) {
        deadLetterProducer.close(Duration.ofSeconds(5));
      }
      LOG.infof(
          "%s: stopped following %s (%d chunks, %d dead letters)",
          name(), settings.topic(), chunks.get(), deadLetters.get());
      stopped.countDown();
    }
  }

  private void handle(ConsumerRecord<String, ByteBuffer> record) {
    ChunkView chunk;
    try {
      chunk = ChunkView.unwrap(record);
    } catch (PoisonEventException e) {
      deadLetter(record, e);
      return;
    }
    try {
      sink.accept(chunk);
      chunks.incrementAndGet();
    } catch (RuntimeException e) {
      deadLetter(record, e);
    }
  }

  /** Sends a record the stream cannot use to the dead-letter topic, with the reason. */
  private void deadLetter(ConsumerRecord<String, ByteBuffer> record, RuntimeException reason) {
    LOG.warnf(
        "%s: %s-%d@%d to %s: %s",
        name(),
        record.topic(),
        record.partition(),
        record.offset(),
        settings.deadLetterTopic(),
        reason.getMessage());
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      headers.add(h);
    }
    put(headers, EventHeaders.DEAD_LETTER_EXCEPTION, reason.getClass().getName());
    put(headers, EventHeaders.DEAD_LETTER_REASON, String.valueOf(reason.getMessage()));
    if (reason.getCause() != null) {
      put(headers, EventHeaders.DEAD_LETTER_CAUSE_CLASS, reason.getCause().getClass().getName());
      put(headers, EventHeaders.DEAD_LETTER_CAUSE, String.valueOf(reason.getCause().getMessage()));
    }
    put(headers, EventHeaders.DEAD_LETTER_TOPIC, record.topic());
    put(headers, EventHeaders.DEAD_LETTER_PARTITION, Integer.toString(record.partition()));
    put(headers, EventHeaders.DEAD_LETTER_OFFSET, Long.toString(record.offset()));
    byte[] value = null;
    if (record.value() != null) {
      value = new byte[record.value().remaining()];
      record.value().duplicate().get(value);
    }
    if (deadLetterProducer == null) {
      deadLetterProducer = new KafkaProducer<>(producerConfig());
    }
    try {
      deadLetterProducer
          .send(
              new ProducerRecord<>(settings.deadLetterTopic(), null, record.key(), value, headers))
          .get(30, TimeUnit.SECONDS);
      deadLetters.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending to " + settings.deadLetterTopic(), e);
    } catch (Exception e) {
      // The record is lost to the dead-letter topic, not to the stage: its data set replays.
      LOG.errorf(e, "%s: could not send a record to %s", name(), settings.deadLetterTopic());
    }
  }

  private static void put(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private String name() {
    return thread.getName();
  }

  /**
   * The stage's settings with the stream's own on top: group, offsets, deserializers, fetch sizes.
   */
  Map<String, Object> consumerConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.offsetReset());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.fetchBytes());
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, settings.fetchBytes());
    // Let the kernel size the socket's buffer to the fetches (a fixed 64 KiB has the broker send
    // each fetched MiB in pieces, waking both sides up for each).
    c.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
    return settings.clients().consumer(name(), c);
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    return settings.clients().producer(name() + "-dead-letters", c);
  }

  /**
   * Stops the stream: wakes its poll up and waits for the thread to leave the group and stop (up to
   * 10 s); a thread still busy in the sink after 5 s is interrupted.
   */
  @Override
  public void close() {
    running = false;
    KafkaConsumer<String, ByteBuffer> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      if (!stopped.await(5, TimeUnit.SECONDS)) {
        thread.interrupt();
        if (!stopped.await(5, TimeUnit.SECONDS)) {
          LOG.warnf("%s: did not stop within 10 s", name());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
