package io.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.TrainingFailed;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Against the devstack's broker (one per test JVM); every test writes to topics of its own. */
class TestKafkaTest {

  private final TestKafka kafka = TestKafka.forTests();

  private static String topic(String what) {
    return "test-support." + what + "." + UUID.randomUUID();
  }

  private static TrainingFailed failed(String requestId) {
    return TrainingFailed.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRequestId(requestId)
        .setModelName("m")
        .setReason("no rows")
        .build();
  }

  @Test
  void publishesCloudEventsAndReadsThemBack() {
    String topic = topic("events");
    kafka.publish(topic, "m", failed("r1"), 1_000L);
    kafka.send(topic, "raw", null, new byte[] {1});
    kafka.send(topic, "m", EventTypes.TRAINING_FAILED, new byte[] {(byte) 0xff});

    List<ConsumerRecord<String, byte[]>> all = kafka.readAll(topic);

    assertThat(all).extracting(ConsumerRecord::key).containsExactly("m", "raw", "m");
    ConsumerRecord<String, byte[]> first = all.get(0);
    assertThat(first.timestamp()).isEqualTo(1_000L);
    assertThat(TestKafka.headers(first))
        .containsEntry(EventHeaders.CE_SPECVERSION, "1.0")
        .containsEntry(EventHeaders.CE_TYPE, EventTypes.TRAINING_FAILED)
        .containsEntry(EventHeaders.CE_SOURCE, TestKafka.SOURCE)
        .containsEntry(EventHeaders.CE_SUBJECT, "m")
        .containsEntry(EventHeaders.CONTENT_TYPE, EventHeaders.PROTOBUF)
        .containsKey(EventHeaders.CE_ID);
    assertThat(UUID.fromString(TestKafka.header(first, EventHeaders.CE_ID))).isNotNull();
    assertThat(all.get(1).headers().toArray()).isEmpty();
    assertThat(kafka.readAll(topic, "raw")).hasSize(1);
    assertThat(
            TestKafka.events(
                all.subList(0, 2), EventTypes.TRAINING_FAILED, TrainingFailed.parser()))
        .containsExactly(failed("r1").toBuilder().setEventId(eventId(first)).build());
    assertThatThrownBy(
            () -> TestKafka.events(all, EventTypes.TRAINING_FAILED, TrainingFailed.parser()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@2 is not a valid " + EventTypes.TRAINING_FAILED);

    // One client per JVM, which a test cannot close for the others.
    assertThat(TestKafka.forTests()).isSameAs(kafka);
    kafka.close();
    assertThat(kafka.send(topic, "after-close", null, new byte[0]).offset()).isEqualTo(3);
  }

  private static String eventId(ConsumerRecord<String, byte[]> record) {
    try {
      return TrainingFailed.parseFrom(record.value()).getEventId();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void publishAllGivesTheRangesThatReadBackTheSameRecords() {
    String topic = topic("ranges");
    kafka.send(topic, "before", null, new byte[] {0});
    List<TrainingFailed> events = List.of(failed("a"), failed("b"), failed("c"));

    List<OffsetRange> ranges = kafka.publishAll(topic, "k", events);
    kafka.send(topic, "after", null, new byte[] {0});

    assertThat(ranges)
        .containsExactly(
            OffsetRange.newBuilder()
                .setTopic(topic)
                .setPartition(0)
                .setFromOffset(1)
                .setToOffset(4)
                .build());
    assertThat(kafka.read(ranges)).extracting(ConsumerRecord::key).containsOnly("k").hasSize(3);
    assertThat(kafka.read(ranges, EventTypes.TRAINING_FAILED, TrainingFailed.parser()))
        .isEqualTo(events);
    assertThat(kafka.endOffsets(topic)).containsExactly(entry(0, 5L));
    assertThat(kafka.endOffsets(topic("never-written"))).isEmpty();
    assertThat(kafka.readAll(topic("never-written"))).isEmpty();
  }

  @Test
  void aReaderFollowsATopicFromItsBeginning() throws Exception {
    String topic = topic("follow");
    kafka.publish(topic, "x", failed("1"));
    try (TestKafka.Reader reader = kafka.reader(topic)) {
      kafka.publish(topic, "y", failed("2"));
      RecordMetadata third = kafka.send(topic, "x", "dead", new byte[0]);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 3);
      assertThat(reader.poll()).hasSize(3);
      assertThat(reader.poll("x"))
          .extracting(ConsumerRecord::offset)
          .containsExactly(0L, third.offset());
      assertThat(reader.events(EventTypes.TRAINING_FAILED, TrainingFailed.parser()))
          .extracting(TrainingFailed::getRequestId)
          .containsExactly("1", "2");
      assertThat(reader.deadLetters())
          .extracting(DeadLetter::type)
          .containsExactly(EventTypes.TRAINING_FAILED, EventTypes.TRAINING_FAILED, "dead");
    }
  }

  @Test
  void breastCancerBatchesLandWhereTheirDatasetPreparedSays() {
    DatasetRef ref =
        DatasetRef.newBuilder()
            .setDatasetId("bc-support-" + UUID.randomUUID())
            .setVersion(1)
            .setSpecHash("h")
            .build();

    DatasetPrepared prepared = BreastCancer.publishBatches(kafka, ref, "");

    assertThat(prepared.getDataset()).isEqualTo(ref);
    assertThat(prepared.getFeatureNamesCount()).isEqualTo(30);
    assertThat(prepared.getClassesList()).isEqualTo(BreastCancer.CLASSES);
    assertThat(prepared.getBatchSize()).isEqualTo(64);
    assertThat(prepared.getClassCountsMap()).containsEntry("benign", 357L);
    assertThat(prepared.getTrain().getRows()).isEqualTo(399);
    assertThat(prepared.getTrain().getBatches()).isEqualTo(7);
    assertThat(prepared.getValidation().getBatches()).isEqualTo(2);
    assertThat(prepared.getTest().getBatches()).isEqualTo(1);
    List<PreparedBatch> test =
        kafka.read(
            prepared.getTest().getRangesList(), EventTypes.PREPARED_BATCH, PreparedBatch.parser());
    assertThat(test).hasSize(1);
    assertThat(test.get(0).getSplit()).isEqualTo(Split.TEST);
    assertThat(test.get(0).getRows()).isEqualTo(56);
    assertThat(test.get(0).getRowIds(0)).isEqualTo(10L);
    assertThat(test.get(0).getXList().subList(0, 30))
        .containsExactlyElementsOf(toList(BreastCancer.load().test().row(0)));
  }

  private static List<Float> toList(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return List.of(boxed);
  }
}
