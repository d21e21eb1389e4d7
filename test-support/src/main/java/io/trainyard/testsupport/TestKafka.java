package io.trainyard.testsupport;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.devstack.Stacks;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.OffsetTracker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka producer and readers on a test broker, speaking the CloudEvents binary-mode headers
 * the services use ({@code ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type},
 * {@code ce_subject}, {@code content-type}).
 *
 * <p>Every send waits for the broker's acknowledgement, so what was sent is readable when the call
 * returns. Readers come in two kinds: {@link #reader(String)} follows a topic from its beginning
 * (for waiting on what a service publishes, with Awaitility); {@link #readAll(String)}, {@link
 * #read(List)} and {@link #endOffsets(String)} take a snapshot of what is there now.
 *
 * <pre>{@code
 * try (TestKafka kafka = new TestKafka(bootstrap);
 *     TestKafka.Reader results = kafka.reader(Topics.TRAINING_RESULTS)) {
 *   kafka.publish(Topics.TRAINING_REQUESTS, request.getModelName(), request);
 *   await().until(() -> !results.events(EventTypes.TRAINING_COMPLETED, TrainingCompleted.parser()).isEmpty());
 * }
 * }</pre>
 */
public final class TestKafka implements AutoCloseable {

  /** What {@code ce_source} says on every record sent from here. */
  public static final String SOURCE = "trainyard/tests";

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(20);

  private static TestKafka shared;

  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;
  private final boolean closeable;

  /**
   * @param bootstrap Kafka {@code bootstrap.servers}; in a {@code @QuarkusTest} the value of {@code
   *     kafka.bootstrap.servers} that the devstack test resource set
   */
  public TestKafka(String bootstrap) {
    this(bootstrap, true);
  }

  private TestKafka(String bootstrap, boolean closeable) {
    this.bootstrap = bootstrap;
    this.closeable = closeable;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // A PreparedBatch of a wide data set is larger than the default 1 MiB.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * 1024 * 1024),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /**
   * The client on the stack of this test JVM ({@link Stacks#forTests()}: the devstack, or
   * Testcontainers with {@code -Dtrainyard.stack=testcontainers}), both started on first use and
   * shared by every test of the JVM; it is closed when the JVM exits ({@link #close()} on it does
   * nothing), so tests need no set-up or tear-down for it. For plain JUnit tests; a {@code
   * QuarkusTest} passes the bootstrap servers its test resource set to {@link #TestKafka(String)}.
   */
  public static synchronized TestKafka forTests() {
    if (shared == null) {
      TestKafka kafka = new TestKafka(Stacks.forTests().bootstrapServers(), false);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> kafka.producer.close(Duration.ofSeconds(5)), "test-kafka-close"));
      shared = kafka;
    }
    return shared;
  }

  /** The {@code bootstrap.servers} this client talks to. */
  public String bootstrapServers() {
    return bootstrap;
  }

  /**
   * The toolkit's Kafka settings for this broker (client ids {@code tests-*}), for a {@code
   * RangeReader} or {@code ChunkStream} in a test.
   */
  public KafkaClients clients() {
    return KafkaClients.of(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), "tests");
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  /** Publishes a protobuf event as the services do (ce_type from {@link EventTypes#of}). */
  public RecordMetadata publish(String topic, String key, Message payload) {
    return send(topic, key, EventTypes.of(payload), payload.toByteArray(), null);
  }

  /** As {@link #publish(String, String, Message)}, with the record's timestamp (epoch millis). */
  public RecordMetadata publish(String topic, String key, Message payload, long timestamp) {
    return send(topic, key, EventTypes.of(payload), payload.toByteArray(), timestamp);
  }

  /**
   * Publishes payloads in order under one key and returns the offset ranges they landed in, as a
   * stage's {@code KafkaRangeWriter} would put them into its control event.
   */
  public List<OffsetRange> publishAll(String topic, String key, List<? extends Message> payloads) {
    OffsetTracker tracker = new OffsetTracker();
    for (Message payload : payloads) {
      tracker.add(publish(topic, key, payload));
    }
    return tracker.ranges();
  }

  /**
   * Sends raw bytes with {@code type} as ce_type; with a null type the record has no CloudEvents
   * headers at all (what a stage must dead-letter).
   */
  public RecordMetadata send(String topic, String key, String type, byte[] value) {
    return send(topic, key, type, value, null);
  }

  /**
   * As {@link #send(String, String, String, byte[])}, with the record's timestamp (epoch millis;
   * null lets the producer stamp it).
   */
  public RecordMetadata send(String topic, String key, String type, byte[] value, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    if (type != null) {
      add(headers, EventHeaders.CE_SPECVERSION, EventHeaders.SPEC_VERSION_1_0);
      add(headers, EventHeaders.CE_ID, UUID.randomUUID().toString());
      add(headers, EventHeaders.CE_SOURCE, SOURCE);
      add(headers, EventHeaders.CE_TYPE, type);
      if (key != null) {
        add(headers, EventHeaders.CE_SUBJECT, key);
      }
      add(headers, EventHeaders.CONTENT_TYPE, EventHeaders.PROTOBUF);
    }
    try {
      return producer.send(new ProducerRecord<>(topic, null, timestamp, key, value, headers)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending to " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic, e.getCause());
    }
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Follows {@code topic} from its beginning with a fresh consumer group; each {@link
   * Reader#poll()} adds what arrived since. Close it (try-with-resources) when done.
   */
  public Reader reader(String topic) {
    return new Reader(bootstrap, topic);
  }

  /** Every record of every partition of {@code topic} up to its end now, in offset order. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = snapshotConsumer()) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      if (partitions.isEmpty()) {
        return List.of();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      return drain(consumer, end, topic);
    }
  }

  /** The records of {@code topic} up to its end now whose key is {@code key}. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
    return readAll(topic).stream().filter(r -> key.equals(r.key())).toList();
  }

  /**
   * Every record inside the half-open offset ranges, whatever its key, range by range in offset
   * order (as a control event's ranges describe the records a range writer sent).
   */
  public List<ConsumerRecord<String, byte[]>> read(List<OffsetRange> ranges) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = snapshotConsumer()) {
      for (OffsetRange range : ranges) {
        if (range.getToOffset() <= range.getFromOffset()) {
          continue;
        }
        TopicPartition tp = new TopicPartition(range.getTopic(), range.getPartition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, range.getFromOffset());
        for (ConsumerRecord<String, byte[]> r :
            drain(consumer, Map.of(tp, range.getToOffset()), range.toString())) {
          if (r.offset() < range.getToOffset()) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  /**
   * The records of the ranges whose ce_type is {@code type}, parsed (see {@link #events(List,
   * String, Parser)}).
   */
  public <T extends Message> List<T> read(List<OffsetRange> ranges, String type, Parser<T> parser) {
    return events(read(ranges), type, parser);
  }

  /** The end offset (the next offset to be written) of each partition of {@code topic}, now. */
  public Map<Integer, Long> endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = snapshotConsumer()) {
      Map<Integer, Long> out = new TreeMap<>();
      consumer
          .endOffsets(partitions(consumer, topic))
          .forEach((tp, offset) -> out.put(tp.partition(), offset));
      return out;
    }
  }

  /** The records on a dead-letter topic up to its end now, with what the headers say. */
  public List<DeadLetter> deadLetters(String dlqTopic) {
    return readAll(dlqTopic).stream().map(DeadLetter::of).toList();
  }

  private KafkaConsumer<String, byte[]> snapshotConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // A snapshot of a topic that does not exist yet is empty; it does not create it.
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            16 * 1024 * 1024),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, String topic) {
    var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    return infos == null
        ? List.of()
        : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  /** Polls the assigned partitions until each is at its {@code end}; at most 20 s. */
  private static List<ConsumerRecord<String, byte[]>> drain(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, String what) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + what + " to its end");
      }
      consumer.poll(POLL).forEach(out::add);
    }
    return out;
  }

  /** Closes the producer; nothing for the shared {@link #forTests()} client. */
  @Override
  public void close() {
    if (closeable) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Records

  /** The last value of a header, as UTF-8 text; null when the record does not have it. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Every header of a record as UTF-8 text, the last value of each name, in header order. */
  public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * The records whose ce_type is {@code type}, parsed with {@code parser}, in order; records of
   * other types (or none) are left out.
   *
   * @throws IllegalStateException when a record of that type does not parse
   */
  public static <T extends Message> List<T> events(
      List<ConsumerRecord<String, byte[]>> records, String type, Parser<T> parser) {
    List<T> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      if (type.equals(header(r, EventHeaders.CE_TYPE))) {
        try {
          out.add(parser.parseFrom(r.value()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new IllegalStateException(
              r.topic() + "-" + r.partition() + "@" + r.offset() + " is not a valid " + type, e);
        }
      }
    }
    return out;
  }

  /** Follows one topic from its beginning with a fresh consumer group, keeping what it has seen. */
  public static final class Reader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private Reader(String bootstrap, String topic) {
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

    /** Polls once (up to 200 ms) and returns everything seen so far, in arrival order. */
    public List<ConsumerRecord<String, byte[]>> poll() {
      consumer.poll(POLL).forEach(seen::add);
      return List.copyOf(seen);
    }

    /** Polls once and returns every record seen so far whose key is {@code key}. */
    public List<ConsumerRecord<String, byte[]>> poll(String key) {
      return poll().stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Polls once and returns every event of {@code type} seen so far, parsed. */
    public <T extends Message> List<T> events(String type, Parser<T> parser) {
      return TestKafka.events(poll(), type, parser);
    }

    /** Polls once and returns everything seen so far as dead letters. */
    public List<DeadLetter> deadLetters() {
      return poll().stream().map(DeadLetter::of).toList();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
