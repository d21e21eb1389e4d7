package io.trainyard.cleaning.messaging;

import static io.trainyard.cleaning.messaging.CleaningFixture.chunk;
import static io.trainyard.cleaning.messaging.CleaningFixture.chunks;
import static io.trainyard.cleaning.messaging.CleaningFixture.ref;
import static io.trainyard.cleaning.messaging.CleaningFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.devstack.DevStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pass 1 streamed: raw chunks published before DatasetSealed (as ingest does) are folded into the
 * statistics as they come, so DatasetSealed only replays pass 2; chunks the stream cannot stand for
 * are replayed. Either way the profile and the cleaned chunks are the ones worked out by hand in
 * {@link CleaningFixture#assertCleanedAsWorkedOut}, and a replayed DatasetSealed publishes nothing
 * twice.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class CleaningStreamTest {

  @Inject CleaningFixture fixture;

  double streamed() {
    return fixture.counter("trainyard.cleaning.stream.chunks");
  }

  /**
   * The stream's consumer starts at the end of the log once it is assigned its partition: send a
   * probe chunk until one is folded, so the chunks of the test are not published before that.
   */
  void awaitStreamConsumer() {
    double before = streamed();
    DatasetRef probe =
        DatasetRef.newBuilder().setDatasetId("probe-" + UUID.randomUUID()).setVersion(1).build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              fixture.kafka.publish(
                  Topics.INGEST_CHUNKS, probe.getDatasetId(), chunk(probe, 0, 1, 2));
              return streamed() > before;
            });
  }

  /** Publishes chunks then DatasetSealed back to back, as ingest does. */
  DatasetSealed publish(String id, List<RowChunk> chunks) {
    return fixture.seal(
        spec(id), chunks, fixture.kafka.publishAll(Topics.INGEST_CHUNKS, id, chunks));
  }

  @Test
  void chunksStreamedBeforeDatasetSealedMakePass1AndAReplayedSealedChangesNothing() {
    awaitStreamConsumer();
    String id = "stream-" + UUID.randomUUID().toString().substring(0, 8);
    double streamedBefore = fixture.counter("trainyard.cleaning.pass1", "source", "stream");
    double fromMemoryBefore = fixture.counter("trainyard.cleaning.pass2", "source", "memory");
    DatasetSealed sealed = publish(id, chunks(ref(id)));
    DatasetProfiled profiled = fixture.awaitProfiled(id);

    assertThat(fixture.counter("trainyard.cleaning.pass1", "source", "stream"))
        .isEqualTo(streamedBefore + 1);
    // pass 2 read the chunks the stream kept, not the broker
    assertThat(fixture.counter("trainyard.cleaning.pass2", "source", "memory"))
        .isEqualTo(fromMemoryBefore + 1);
    assertThat(profiled.getRawChunksList()).isEqualTo(sealed.getChunksList());
    fixture.assertCleanedAsWorkedOut(profiled);

    double duplicates = fixture.duplicates();
    fixture.kafka.publish(Topics.INGEST_DATASETS, id, sealed);
    // and the chunks again (a re-delivery): they start no new profile
    fixture.kafka.publishAll(Topics.INGEST_CHUNKS, id, chunks(ref(id)));
    fixture.assertDuplicatesPublishNothing(id, duplicates, 1);
  }

  @Test
  void chunksWhoseColumnsAreNotInSchemaOrderAreReplayedInstead() {
    awaitStreamConsumer();
    String id = "reorder-" + UUID.randomUUID().toString().substring(0, 8);
    List<RowChunk> swapped = new ArrayList<>();
    for (RowChunk c : chunks(ref(id))) {
      // b before a: the stream's profile does not have the schema's column order
      swapped.add(
          c.toBuilder()
              .clearNumeric()
              .addNumeric(c.getNumeric(1))
              .addNumeric(c.getNumeric(0))
              .build());
    }
    double replayedBefore = fixture.counter("trainyard.cleaning.pass1", "source", "replay");
    double pass2ReplayedBefore = fixture.counter("trainyard.cleaning.pass2", "source", "replay");
    publish(id, swapped);
    DatasetProfiled profiled = fixture.awaitProfiled(id);
    assertThat(fixture.counter("trainyard.cleaning.pass1", "source", "replay"))
        .isEqualTo(replayedBefore + 1);
    assertThat(fixture.counter("trainyard.cleaning.pass2", "source", "replay"))
        .isEqualTo(pass2ReplayedBefore + 1);
    fixture.assertCleanedAsWorkedOut(profiled);
  }

  @Test
  void recordsOnTheChunkTopicThatAreNotRowChunksGoToTheDeadLetterTopic() {
    awaitStreamConsumer();
    String id = "poison-stream-" + UUID.randomUUID().toString().substring(0, 8);
    fixture.kafka.send(Topics.INGEST_CHUNKS, id, null, new byte[] {1, 2, 3});
    fixture.kafka.send(Topics.INGEST_CHUNKS, id, EventTypes.DATASET_SEALED, new byte[] {1});
    fixture.kafka.send(
        Topics.INGEST_CHUNKS, id, EventTypes.ROW_CHUNK, new byte[] {(byte) 0xff, 0x01});
    fixture.assertDeadLetters(id, EventHeaders.CE_TYPE, "unexpected event type", "not a valid");
  }
}
