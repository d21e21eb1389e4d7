package io.trainyard.contracts;

/**
 * The Kafka record headers of the platform's topics. Every event travels as a CloudEvent in binary
 * mode: its attributes are {@code ce_*} headers and the record's value is the protobuf payload. A
 * record that a stage could not process is copied to the stage's dead-letter topic ({@link
 * Topics#dlq}) with its own headers and the {@code dead-letter-*} ones, the names SmallRye's
 * dead-letter-queue strategy writes, so a record from a channel and one from a bulk stream read the
 * same.
 */
public final class EventHeaders {

  /** CloudEvents spec version, {@link #SPEC_VERSION_1_0}. */
  public static final String CE_SPECVERSION = "ce_specversion";

  /** The event id; the same id twice is the same event (stages are idempotent on it). */
  public static final String CE_ID = "ce_id";

  /** The producing service, e.g. {@code trainyard/ingest-service}. */
  public static final String CE_SOURCE = "ce_source";

  /** The event type, one of {@link EventTypes}. */
  public static final String CE_TYPE = "ce_type";

  /** The data set id or model name the event is about (also the record's key). */
  public static final String CE_SUBJECT = "ce_subject";

  /** When the event was produced, RFC 3339. */
  public static final String CE_TIME = "ce_time";

  /** The payload's media type, {@link #PROTOBUF}. */
  public static final String CONTENT_TYPE = "content-type";

  public static final String SPEC_VERSION_1_0 = "1.0";

  /** Every payload is a protobuf message of {@code trainyard.events.v1}. */
  public static final String PROTOBUF = "application/protobuf";

  /** Why the record could not be processed. */
  public static final String DEAD_LETTER_REASON = "dead-letter-reason";

  public static final String DEAD_LETTER_EXCEPTION = "dead-letter-exception-class-name";
  public static final String DEAD_LETTER_CAUSE = "dead-letter-cause";
  public static final String DEAD_LETTER_CAUSE_CLASS = "dead-letter-cause-class-name";

  /** Where the record was read from: topic, partition and offset. */
  public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";

  public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
  public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";

  private EventHeaders() {}
}
