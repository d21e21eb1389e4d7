package io.trainyard.testsupport;

import io.trainyard.contracts.EventHeaders;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record on a stage's dead-letter topic ({@code trainyard.<stage>.dlq.v1}) with what SmallRye's
 * dead-letter-queue failure strategy wrote into its headers.
 *
 * @param key the original record's key
 * @param value the original record's value, untouched
 * @param reason {@code dead-letter-reason}: the message of the exception the record was nacked with
 * @param cause {@code dead-letter-cause}: the message of that exception's cause, if it had one
 * @param topic {@code dead-letter-topic}: where the record was read from
 * @param partition {@code dead-letter-partition}, or null
 * @param offset {@code dead-letter-offset}, or null
 * @param type the original record's {@code ce_type}, or null when it had none
 * @param headers every header as UTF-8 text (last value per name, in header order)
 */
public record DeadLetter(
    String key,
    byte[] value,
    String reason,
    String cause,
    String topic,
    Integer partition,
    Long offset,
    String type,
    Map<String, String> headers) {

  /** Reads the dead-letter headers of a record read from a dead-letter topic. */
  public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = TestKafka.headers(record);
    return new DeadLetter(
        record.key(),
        record.value(),
        headers.get(EventHeaders.DEAD_LETTER_REASON),
        headers.get(EventHeaders.DEAD_LETTER_CAUSE),
        headers.get(EventHeaders.DEAD_LETTER_TOPIC),
        number(headers.get(EventHeaders.DEAD_LETTER_PARTITION), Integer::valueOf),
        number(headers.get(EventHeaders.DEAD_LETTER_OFFSET), Long::valueOf),
        headers.get(EventHeaders.CE_TYPE),
        Collections.unmodifiableMap(headers));
  }

  private static <N> N number(String text, Function<String, N> parse) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return parse.apply(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
