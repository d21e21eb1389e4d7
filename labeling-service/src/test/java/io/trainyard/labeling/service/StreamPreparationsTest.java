package io.trainyard.labeling.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.labeling.TestChunks;
import io.trainyard.labeling.TestChunks.Row;
import io.trainyard.labeling.TestLog;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.testsupport.TestStreamSettings;
import io.trainyard.toolkit.messaging.RangeWriter;
import io.trainyard.toolkit.wire.ChunkView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which versions are batched as their cleaned chunks come, and when their batches are handed over.
 */
class StreamPreparationsTest {

  static LabelingConfig config(int maxOpen, Duration stall) {
    LabelingConfig.Stream stream =
        new StageStream() {

          @Override
          public int maxOpen() {
            return maxOpen;
          }

          @Override
          public Duration stall() {
            return stall;
          }

          @Override
          public Duration idle() {
            return Duration.ofMinutes(10);
          }
        };
    return new LabelingConfig() {
      @Override
      public int replayFetchBytes() {
        return 1 << 20;
      }

      @Override
      public String database() {
        return "test";
      }

      @Override
      public int maxInFlight() {
        return 8;
      }

      @Override
      public long maxInFlightBytes() {
        return 1 << 20;
      }

      @Override
      public long holdBytes() {
        return 1 << 20;
      }

      @Override
      public Stream stream() {
        return stream;
      }
    };
  }

  /** Records what is published on a fake log, each batch parsed. */
  static final class Output implements LabelingOutput {
    final TestLog<PreparedBatch> log = new TestLog<>();

    @Override
    public RangeWriter batches(int maxInFlight) {
      TestLog<PreparedBatch>.Writer writer = log.start();
      return new RangeWriter() {
        @Override
        public void send(String key, String eventId, byte[] batch) {
          try {
            writer.send(PreparedBatch.parseFrom(batch));
          } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public List<OffsetRange> finish() {
          return writer.finish();
        }
      };
    }

    @Override
    public void prepared(DatasetPrepared prepared) {}
  }

  static final class Store implements PreparedStore {
    final Set<DatasetRef> prepared = new HashSet<>();

    @Override
    public boolean exists(DatasetRef ref) {
      return prepared.contains(ref);
    }

    @Override
    public void save(DatasetPrepared p, long unlabeled, long durationMillis) {
      prepared.add(p.getDataset());
    }
  }

  static final String SPEC =
      "{\"name\":\"d\",\"dataset\":{\"label\":\"label\"},\"labeling\":{\"batchSize\":2}}";
  static final String RULE_SPEC =
      "{\"name\":\"d\",\"labeling\":{\"rule\":{\"column\":\"a\",\"op\":\"gt\",\"value\":1,"
          + "\"then\":\"hi\",\"otherwise\":\"lo\"}}}";

  static DatasetRef ref(int version) {
    return TestChunks.ref("d", version);
  }

  /** Cleaned chunk {@code index}: three rows (train, train, test), a = id, labels yes no yes. */
  static ChunkView chunk(DatasetRef ref, int index) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      long id = 3L * index + r + 1;
      rows.add(new Row(id, r < 2 ? Split.TRAIN : Split.TEST, id, "x", 0, r == 1 ? "no" : "yes"));
    }
    return ChunkView.of(TestChunks.chunk(ref, index, rows));
  }

  static DatasetProfiled profiled(DatasetRef ref, long rowsOut) {
    return DatasetProfiled.newBuilder().setDataset(ref).setRowsOut(rowsOut).build();
  }

  final Output output = new Output();
  final Store store = new Store();

  StreamPreparations streams(LabelingConfig config) {
    return new StreamPreparations(
        config,
        new LabelingMetrics(new SimpleMeterRegistry()),
        store,
        new BatchWriters(config, output));
  }

  @Test
  void chunksOfAHintedVersionAreBatchedAsTheyComeAndHandedOverWhenAllRowsAreIn() {
    StreamPreparations s = streams(config(4, Duration.ofSeconds(5)));
    DatasetRef ref = ref(1);
    s.open(ref, SPEC, TestChunks.SCHEMA);
    assertThat(s.streaming(ref)).isTrue();
    s.accept(chunk(ref, 0));
    s.accept(chunk(ref, 0)); // re-delivered: once
    s.accept(chunk(ref, 1));
    // train rows 1 2 4 5 in batches of 2 went out as they filled; test rows 3 and 6 wait
    assertThat(output.log.records).extracting(PreparedBatch::getSplit).containsOnly(Split.TRAIN);
    assertThat(output.log.records).hasSize(2);

    Optional<StreamPreparations.State> state = s.take(profiled(ref, 6));
    assertThat(state).isPresent();
    assertThat(s.streaming(ref)).isFalse();
    var ranges = state.get().writer.finish();
    assertThat(state.get().labeler.rowsIn()).isEqualTo(6);
    assertThat(state.get().labeler.split(Split.TRAIN).rows()).isEqualTo(4);
    assertThat(state.get().labeler.split(Split.TEST).rows()).isEqualTo(2);
    assertThat(output.log.records)
        .extracting(PreparedBatch::getSplit)
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.TEST);
    assertThat(output.log.records.get(2).getRowIdsList()).containsExactly(3L, 6L);
    assertThat(ranges.get(Split.TEST))
        .extracting(OffsetRange::getFromOffset, OffsetRange::getToOffset)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 3L));
    // classes from the schema: no = 0, yes = 1
    assertThat(output.log.records.get(0).getYList()).containsExactly(1, 0);
  }

  @Test
  void anIncompleteStreamIsDroppedForAReplay() {
    StreamPreparations s = streams(config(4, Duration.ofMillis(100)));
    DatasetRef ref = ref(2);
    s.open(ref, SPEC, TestChunks.SCHEMA);
    s.accept(chunk(ref, 0));
    assertThat(s.take(profiled(ref, 6))).isEmpty(); // chunk 1 never comes
    assertThat(s.streaming(ref)).isFalse();
    s.open(ref, SPEC, TestChunks.SCHEMA); // a second hint changes nothing
    assertThat(s.streaming(ref)).isFalse();
  }

  @Test
  void rulesPreparedVersionsMissedStartsAndTheBoundAreNotStreamed() {
    StreamPreparations s = streams(config(1, Duration.ofSeconds(5)));
    s.open(ref(3), RULE_SPEC, TestChunks.SCHEMA);
    assertThat(s.streaming(ref(3))).as("a rule needs the raw values first").isFalse();

    store.prepared.add(ref(4));
    s.open(ref(4), SPEC, TestChunks.SCHEMA);
    assertThat(s.streaming(ref(4))).as("prepared already").isFalse();

    s.accept(chunk(ref(5), 0)); // a chunk before its hint: the stream would start half-way
    s.open(ref(5), SPEC, TestChunks.SCHEMA);
    assertThat(s.streaming(ref(5))).isFalse();

    s.open(ref(6), SPEC, TestChunks.SCHEMA);
    s.open(ref(7), SPEC, TestChunks.SCHEMA);
    assertThat(s.streaming(ref(6))).isTrue();
    assertThat(s.streaming(ref(7))).as("one version at a time").isFalse();
    assertThat(s.take(profiled(ref(7), 0))).isEmpty();
    assertThat(output.log.records).isEmpty();
  }

  /** The shared test settings, and this stage's own on top. */
  private abstract static class StageStream extends TestStreamSettings
      implements LabelingConfig.Stream {}
}
