package io.trainyard.toolkit.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Wraps protobuf payloads into Kafka records with CloudEvents binary-mode attributes, and unwraps
 * them with the checks that turn a bad record into a {@link PoisonEventException}.
 */
public final class Envelopes {

  private Envelopes() {}

  /** A new random event id. */
  public static String newEventId() {
    return UUID.randomUUID().toString();
  }

  /**
   * An outgoing message keyed by {@code key}, typed by its payload class, whose send result (the
   * record's partition and offset) lands in {@code result}.
   */
  public static Message<byte[]> wrap(
      String key,
      com.google.protobuf.Message payload,
      String eventId,
      OutgoingMessageMetadata<RecordMetadata> result) {
    return wrap(key, payload.toByteArray(), EventTypes.of(payload), eventId, result);
  }

  /**
   * An outgoing message of a payload already in protobuf wire form, of CloudEvents type {@code
   * type}; otherwise as {@link #wrap(String, com.google.protobuf.Message, String,
   * OutgoingMessageMetadata)}.
   */
  public static Message<byte[]> wrap(
      String key,
      byte[] payload,
      String type,
      String eventId,
      OutgoingMessageMetadata<RecordMetadata> result) {
    OutgoingCloudEventMetadata<Object> ce =
        OutgoingCloudEventMetadata.builder()
            .withId(eventId)
            .withType(type)
            .withSubject(key)
            .withDataContentType(EventHeaders.PROTOBUF)
            .build();
    OutgoingKafkaRecordMetadata<String> kafka =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
    Message<byte[]> message = Message.of(payload).addMetadata(ce).addMetadata(kafka);
    return result == null ? message : message.addMetadata(result);
  }

  /** As {@link #wrap(String, com.google.protobuf.Message, String, OutgoingMessageMetadata)}. */
  public static Message<byte[]> wrap(
      String key, com.google.protobuf.Message payload, String eventId) {
    return wrap(key, payload, eventId, null);
  }

  /** The CloudEvents type of an incoming record, if it has one. */
  public static Optional<String> type(Message<?> message) {
    return header(message, EventHeaders.CE_TYPE);
  }

  /** A header of an incoming Kafka record, as UTF-8 text. */
  public static Optional<String> header(Message<?> message, String name) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> lastHeader(m.getHeaders(), name));
  }

  private static String lastHeader(Headers headers, String name) {
    Header h = headers == null ? null : headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * Parses an incoming record as {@code parser}'s type after checking its CloudEvents type.
   *
   * @throws PoisonEventException if the type header is missing or different, or the payload is not
   *     valid protobuf
   */
  public static <T extends com.google.protobuf.Message> T unwrap(
      Message<byte[]> message, String expectedType, Parser<T> parser) {
    return parse(payload(message, expectedType), expectedType, parser);
  }

  /**
   * The payload of an incoming record, after checking its CloudEvents type and that it is not
   * empty; for stages that read the bytes themselves.
   *
   * @throws PoisonEventException if the type header is missing or different, or there is no payload
   */
  public static byte[] payload(Message<byte[]> message, String expectedType) {
    checkType(type(message).orElse(null), expectedType);
    byte[] payload = message.getPayload();
    if (payload == null || payload.length == 0) {
      throw new PoisonEventException("empty payload for " + expectedType);
    }
    return payload;
  }

  /**
   * Checks a record's CloudEvents type.
   *
   * @throws PoisonEventException if {@code type} is null (no ce_type header) or not {@code
   *     expectedType}
   */
  public static void checkType(String type, String expectedType) {
    if (type == null) {
      throw new PoisonEventException(
          "missing CloudEvents header ce_type; expected " + expectedType);
    }
    if (!type.equals(expectedType)) {
      throw new PoisonEventException(
          "unexpected event type '" + type + "'; expected " + expectedType);
    }
  }

  /** Parses a payload, turning protobuf errors into {@link PoisonEventException}. */
  public static <T extends com.google.protobuf.Message> T parse(
      byte[] payload, String type, Parser<T> parser) {
    if (payload == null || payload.length == 0) {
      throw new PoisonEventException("empty payload for " + type);
    }
    try {
      return parser.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new PoisonEventException("payload is not a valid " + type + ": " + e.getMessage(), e);
    }
  }

  /** Fails with a {@link PoisonEventException} when a required string field is empty. */
  public static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new PoisonEventException("required field '" + field + "' is empty");
    }
    return value;
  }
}
