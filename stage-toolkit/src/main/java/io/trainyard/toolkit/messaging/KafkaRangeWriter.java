package io.trainyard.toolkit.messaging;

import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.events.v1.OffsetRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A {@link RangeWriter} of records of one CloudEvents type, already in wire form, sent straight
 * through a Kafka producer (a stage's bulk channel's own, so its settings hold), with at most
 * {@code maxInFlight} unacknowledged; {@link #finish} waits for every acknowledgement and returns
 * where the records landed, or fails with the first send's failure.
 *
 * <p>The records carry the CloudEvents binary-mode headers the reactive-messaging channels write
 * ({@code ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_subject}
 * (the key), {@code ce_time}, {@code content-type}). For the bulk topics only (raw and cleaned
 * chunks, prepared batches: hundreds to thousands of records a data set), where the channel's
 * emitter, its reactive stream and its sink would hand every record across threads before the
 * producer sees it (ADR 0006); the data set events still go through their channels.
 */
public final class KafkaRangeWriter implements RangeWriter {

  private static final byte[] SPEC_VERSION = bytes(EventHeaders.SPEC_VERSION_1_0);
  private static final byte[] CONTENT_TYPE = bytes(EventHeaders.PROTOBUF);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final byte[] type;
  private final byte[] source;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final OffsetTracker tracker = new OffsetTracker();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Clock time = new Clock();

  /**
   * @param producer the producer to send through (not closed here)
   * @param topic where the records go
   * @param type their CloudEvents type
   * @param source their CloudEvents source (the stage, e.g. {@code trainyard/cleaning-service})
   * @param maxInFlight records sent and not yet acknowledged at most
   */
  public KafkaRangeWriter(
      Producer<String, byte[]> producer,
      String topic,
      String type,
      String source,
      int maxInFlight) {
    this.producer = producer;
    this.topic = topic;
    this.type = bytes(type);
    this.source = bytes(source);
    this.maxInFlight = Math.max(1, maxInFlight);
    this.inFlight = new Semaphore(this.maxInFlight);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code ce_time} to the millisecond (RFC 3339, UTC), the date and time of day formatted once a
   * second: {@code Instant.toString} per record would have the JIT compile the JDK's instant
   * printer in the middle of a data set.
   */
  static final class Clock {
    private long second = Long.MIN_VALUE;
    private String prefix;

    synchronized byte[] now() {
      long millis = System.currentTimeMillis();
      long s = Math.floorDiv(millis, 1000);
      if (s != second) {
        String whole = Instant.ofEpochSecond(s).toString(); // yyyy-MM-ddTHH:mm:ssZ
        prefix = whole.substring(0, whole.length() - 1);
        second = s;
      }
      int ms = (int) Math.floorMod(millis, 1000);
      return bytes(
          prefix
              + '.'
              + (char) ('0' + ms / 100)
              + (char) ('0' + ms / 10 % 10)
              + (char) ('0' + ms % 10)
              + 'Z');
    }
  }

  /** Sends one record; blocks while {@code maxInFlight} records await their acknowledgement. */
  @Override
  public void send(String key, String eventId, byte[] payload) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventHeaders.CE_SPECVERSION, SPEC_VERSION);
    headers.add(EventHeaders.CE_ID, bytes(eventId));
    headers.add(EventHeaders.CE_SOURCE, source);
    headers.add(EventHeaders.CE_TYPE, type);
    headers.add(EventHeaders.CE_SUBJECT, bytes(key));
    headers.add(EventHeaders.CE_TIME, time.now());
    headers.add(EventHeaders.CONTENT_TYPE, CONTENT_TYPE);
    inFlight.acquireUninterruptibly();
    try {
      producer.send(
          new ProducerRecord<>(topic, null, key, payload, headers),
          (metadata, e) -> {
            if (e == null) {
              tracker.add(metadata);
            } else {
              failure.compareAndSet(null, e);
            }
            inFlight.release();
          });
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  /**
   * Waits for every record sent so far to be acknowledged and returns where they are, per partition
   * as offset ranges.
   *
   * @throws IllegalStateException with the first failure when any record could not be sent
   */
  @Override
  public List<OffsetRange> finish() {
    inFlight.acquireUninterruptibly(maxInFlight);
    inFlight.release(maxInFlight);
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("sending to " + topic + " failed: " + e.getMessage(), e);
    }
    return tracker.ranges();
  }
}
