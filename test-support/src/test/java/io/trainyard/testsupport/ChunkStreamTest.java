package io.trainyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.toolkit.messaging.ChunkStream;
import io.trainyard.toolkit.wire.ChunkView;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Against the devstack's broker (one per test JVM); every test follows topics of its own. */
class ChunkStreamTest {

  private final TestKafka kafka = TestKafka.forTests();

  private static String topic(String what) {
    return "test-support.chunk-stream." + what + "." + UUID.randomUUID();
  }

  private ChunkStream.Settings settings(String topic, String dlq, int maxPollRecords) {
    return new ChunkStream.Settings(
        kafka.clients(),
        topic,
        "group-" + UUID.randomUUID(),
        "earliest",
        dlq,
        maxPollRecords,
        1 << 20,
        Duration.ofMillis(100));
  }

  private static RowChunk chunk(long index, double... values) {
    String[] labels = new String[values.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 2 == 0 ? "a" : "b";
    }
    return ChunkBuilder.chunk(
            DatasetRef.newBuilder().setDatasetId("d").setVersion(1).build(), index)
        .eventId("e" + index)
        .idRun(index * 100, values.length)
        .splits("T".repeat(values.length))
        .doubles("x", values)
        .labels(labels)
        .build();
  }

  @Test
  void handsOutEveryChunkInOrderReadWhereItWasFetched() {
    String topic = topic("order");
    List<RowChunk> sent = List.of(chunk(0, 1, 2), chunk(1, 3), chunk(2, 4, 5, 6), chunk(3, 7));
    kafka.publishAll(topic, "d", sent);
    List<ChunkView> seen = new CopyOnWriteArrayList<>();

    try (ChunkStream stream =
        ChunkStream.start("test-order", settings(topic, topic("dlq"), 2), seen::add)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == sent.size());
      assertThat(stream.chunks()).isEqualTo(sent.size());
      assertThat(stream.healthy()).isTrue();
    }

    assertThat(seen).extracting(ChunkView::chunkIndex).containsExactly(0L, 1L, 2L, 3L);
    assertThat(seen.get(2).numeric(0)).containsExactly(4, 5, 6);
    assertThat(seen.get(2).rowIds()).containsExactly(200, 201, 202);
    assertThat(seen.get(2).labels()).containsExactly("a", "b", "a");
    for (int i = 0; i < sent.size(); i++) {
      ChunkView v = seen.get(i);
      // Parsed in place: the view reads a part of the fetched response, which holds the chunk's
      // serialized bytes exactly.
      assertThat(v.bytes().length).as("chunk %d", i).isGreaterThan(v.length());
      assertThat(java.util.Arrays.copyOfRange(v.bytes(), v.from(), v.to()))
          .isEqualTo(sent.get(i).toByteArray());
    }
  }

  @Test
  void recordsThatAreNotChunksOrThatTheSinkFailsOnGoToTheDeadLetterTopicAndTheStreamGoesOn() {
    String topic = topic("poison");
    String dlq = topic("dlq");
    kafka.send(topic, "k1", null, new byte[] {1, 2, 3});
    kafka.send(topic, "k2", EventTypes.DATASET_SEALED, new byte[] {1});
    kafka.send(topic, "k3", EventTypes.ROW_CHUNK, new byte[] {(byte) 0xff, 0x01});
    kafka.send(topic, "k4", EventTypes.ROW_CHUNK, new byte[0]);
    kafka.publish(topic, "k5", chunk(13, 1));
    kafka.publish(topic, "k6", chunk(6, 2));
    List<ChunkView> seen = new CopyOnWriteArrayList<>();
    ChunkStream.Sink sink =
        chunk -> {
          if (chunk.chunkIndex() == 13) {
            throw new IllegalStateException("unlucky chunk", new ArithmeticException("thirteen"));
          }
          seen.add(chunk);
        };

    List<DeadLetter> dead;
    try (ChunkStream stream = ChunkStream.start("test-poison", settings(topic, dlq, 16), sink)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> stream.deadLetters() == 5);
      dead =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> kafka.deadLetters(dlq), d -> d.size() == 5);
      assertThat(stream.chunks()).isEqualTo(1);
    }

    assertThat(seen).extracting(ChunkView::chunkIndex).containsExactly(6L);
    assertThat(dead).extracting(DeadLetter::key).containsExactly("k1", "k2", "k3", "k4", "k5");
    assertThat(dead.get(0).reason()).contains("missing CloudEvents header ce_type");
    assertThat(dead.get(1).reason())
        .contains("unexpected event type '" + EventTypes.DATASET_SEALED + "'");
    assertThat(dead.get(2).reason()).contains("not a valid " + EventTypes.ROW_CHUNK);
    assertThat(dead.get(3).reason()).contains("empty payload");
    assertThat(dead.get(4).reason()).isEqualTo("unlucky chunk");
    assertThat(dead.get(4).cause()).isEqualTo("thirteen");
    for (int i = 0; i < dead.size(); i++) {
      assertThat(dead.get(i).topic()).isEqualTo(topic);
      assertThat(dead.get(i).partition()).isEqualTo(0);
      assertThat(dead.get(i).offset()).isEqualTo((long) i);
    }
    assertThat(dead.get(2).value()).containsExactly((byte) 0xff, 0x01);
    assertThat(dead.get(2).type()).isEqualTo(EventTypes.ROW_CHUNK);
  }

  @Test
  void closeStopsTheStream() {
    String topic = topic("close");
    ChunkStream stream =
        ChunkStream.start("test-close", settings(topic, topic("dlq"), 16), c -> {});
    await().atMost(Duration.ofSeconds(30)).until(stream::healthy);

    stream.close();

    assertThat(stream.healthy()).isFalse();
  }
}
