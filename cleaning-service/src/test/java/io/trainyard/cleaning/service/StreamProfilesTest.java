package io.trainyard.cleaning.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainyard.cleaning.ChunkMemory;
import io.trainyard.cleaning.KeptChunks;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.testsupport.ChunkBuilder;
import io.trainyard.testsupport.TestStreamSettings;
import io.trainyard.toolkit.wire.ChunkView;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry of streamed pass-1 profiles: who gets one, when it is handed over, its bounds. */
class StreamProfilesTest {

  static CleaningConfig config(int maxOpen, long maxBytes, Duration grace, Duration stall) {
    return config(maxOpen, maxBytes, grace, stall, 1 << 30);
  }

  static CleaningConfig config(
      int maxOpen, long maxBytes, Duration grace, Duration stall, long cacheBytes) {
    CleaningConfig.Stream stream =
        new StageStream() {

          @Override
          public int maxOpen() {
            return maxOpen;
          }

          @Override
          public long maxBytes() {
            return maxBytes;
          }

          @Override
          public long cacheBytes() {
            return cacheBytes;
          }

          @Override
          public Duration grace() {
            return grace;
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
    return new CleaningConfig() {
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
      public int exactQuantileLimit() {
        return 100;
      }

      @Override
      public int profileThreads() {
        return 1;
      }

      @Override
      public int replayFetchBytes() {
        return 1 << 20;
      }

      @Override
      public double tdigestCompression() {
        return 100;
      }

      @Override
      public Stream stream() {
        return stream;
      }
    };
  }

  static final DatasetSchema SCHEMA =
      DatasetSchema.newBuilder()
          .addColumns(ColumnSchema.newBuilder().setName("v").setKind(ColumnKind.NUMERIC))
          .build();

  static DatasetRef ref(String id, int version) {
    return DatasetRef.newBuilder().setDatasetId(id).setVersion(version).build();
  }

  /** Chunk {@code index} of a version: two training rows, v = index and index + 1. */
  static ChunkView chunk(DatasetRef ref, int index) {
    return ChunkBuilder.chunk(ref, index)
        .idRun(2L * index + 1, 2)
        .splits("TT")
        .decimals("v", index, index + 1)
        .view();
  }

  static DatasetSealed sealed(DatasetRef ref, int chunks) {
    return DatasetSealed.newBuilder()
        .setDataset(ref)
        .setSchema(SCHEMA)
        .setChunkCount(chunks)
        .setRowCount(2L * chunks)
        .build();
  }

  static StreamProfiles profiles(CleaningConfig config) {
    return new StreamProfiles(config, new CleaningMetrics(new SimpleMeterRegistry()));
  }

  @Test
  void aCompleteStreamIsHandedOverOnceAndLaterChunksStartNothing() {
    StreamProfiles p = profiles(config(8, 1 << 30, Duration.ofMillis(50), Duration.ofSeconds(5)));
    DatasetRef ref = ref("d", 1);
    p.accept(chunk(ref, 0));
    p.accept(chunk(ref, 1));
    p.accept(chunk(ref, 1)); // re-delivered
    var streamed = p.take(sealed(ref, 2));
    assertThat(streamed).isPresent();
    // v over four training rows 0 1 1 2: mean 1
    assertThat(streamed.get().profiler().numeric().get("v").mean()).isEqualTo(1.0);
    assertThat(streamed.get().profiler().rows()).isEqualTo(4);
    assertThat(p.openProfiles()).isZero();
    // A replayed DatasetSealed, or late chunks of the version, find nothing.
    p.accept(chunk(ref, 0));
    assertThat(p.openProfiles()).isZero();
    assertThat(p.take(sealed(ref, 2))).isEmpty();
  }

  @Test
  void withoutAProfileDatasetSealedWaitsOnlyTheGraceAndReplays() {
    StreamProfiles p = profiles(config(8, 1 << 30, Duration.ofMillis(50), Duration.ofSeconds(5)));
    long started = System.nanoTime();
    assertThat(p.take(sealed(ref("none", 1), 3))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anIncompleteStreamThatStallsIsDroppedForAReplay() {
    StreamProfiles p = profiles(config(8, 1 << 30, Duration.ofMillis(50), Duration.ofMillis(100)));
    DatasetRef ref = ref("d", 2);
    p.accept(chunk(ref, 0));
    assertThat(p.take(sealed(ref, 2))).isEmpty(); // chunk 1 never comes
    assertThat(p.openProfiles()).isZero();
  }

  @Test
  void aStreamThatCatchesUpWhileDatasetSealedWaitsIsUsed() throws Exception {
    StreamProfiles p = profiles(config(8, 1 << 30, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    DatasetRef ref = ref("d", 3);
    p.accept(chunk(ref, 0));
    Thread[] taker = new Thread[1];
    CompletableFuture<Boolean> taken =
        CompletableFuture.supplyAsync(
            () -> {
              taker[0] = Thread.currentThread();
              return p.take(sealed(ref, 2)).isPresent();
            });
    // DatasetSealed is waiting for the stream when the last chunk arrives
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> taker[0] != null && taker[0].getState() == Thread.State.TIMED_WAITING);
    p.accept(chunk(ref, 1));
    assertThat(taken.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void versionsBeyondTheBoundsAreNotStreamed() {
    StreamProfiles p = profiles(config(1, 1 << 30, Duration.ofMillis(10), Duration.ofSeconds(5)));
    p.accept(chunk(ref("a", 1), 0));
    p.accept(chunk(ref("b", 1), 0)); // a second version while one is open: not streamed
    assertThat(p.openProfiles()).isEqualTo(1);
    assertThat(p.take(sealed(ref("b", 1), 1))).isEmpty();
    assertThat(p.take(sealed(ref("a", 1), 1))).isPresent();

    StreamProfiles small = profiles(config(8, 1024, Duration.ofMillis(10), Duration.ofSeconds(5)));
    small.accept(chunk(ref("c", 1), 0)); // its sketches would not fit 1 KiB
    assertThat(small.openProfiles()).isZero();
  }

  @Test
  void aDiscardedVersionIsForgotten() {
    StreamProfiles p = profiles(config(8, 1 << 30, Duration.ofMillis(10), Duration.ofSeconds(5)));
    DatasetRef ref = ref("d", 4);
    p.accept(chunk(ref, 0));
    p.discard(ref);
    assertThat(p.openProfiles()).isZero();
    p.accept(chunk(ref, 1));
    assertThat(p.openProfiles()).isZero();
  }

  static StreamProfiles profiles(CleaningConfig config, ChunkMemory memory) {
    return new StreamProfiles(config, new CleaningMetrics(new SimpleMeterRegistry()), memory);
  }

  static java.util.List<byte[]> all(KeptChunks kept) {
    java.util.List<byte[]> all = new java.util.ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      all.add(kept.get(i));
    }
    return all;
  }

  @Test
  void theStreamKeepsEachChunkOnceInTheOrderFoldedForPass2() {
    ChunkMemory memory = new ChunkMemory(1 << 20, 1024);
    StreamProfiles p =
        profiles(config(8, 1 << 30, Duration.ofMillis(50), Duration.ofSeconds(5)), memory);
    DatasetRef ref = ref("kept", 1);
    ChunkView first = chunk(ref, 0);
    ChunkView second = chunk(ref, 1);
    p.accept(first);
    p.accept(second);
    p.accept(chunk(ref, 1)); // re-delivered: folded and kept once
    assertThat(p.keptBytes()).isEqualTo(1024); // one block

    StreamProfiles.Streamed streamed = p.take(sealed(ref, 2)).orElseThrow();
    assertThat(all(streamed.chunks())).containsExactly(first.bytes(), second.bytes());
    assertThat(streamed.chunks().bytes()).isEqualTo(first.bytes().length + second.bytes().length);
    // handed over: held until pass 2 gives them back
    assertThat(p.keptBytes()).isEqualTo(1024);
    p.release(streamed);
    assertThat(p.keptBytes()).isZero();
    assertThat(memory.allocatedBytes()).isEqualTo(1024); // and kept for the next version
  }

  @Test
  void aVersionWhoseChunksDoNotFitDropsThemAndReplaysPass2() {
    DatasetRef small = ref("small", 1);
    DatasetRef large = ref("large", 1);
    ChunkView small0 = chunk(small, 0);
    int block = small0.bytes().length + 8; // one chunk a block
    // two blocks for both versions together
    StreamProfiles p =
        profiles(
            config(8, 1 << 30, Duration.ofMillis(50), Duration.ofSeconds(5)),
            new ChunkMemory(2L * block, block));
    p.accept(small0);
    p.accept(chunk(large, 0));
    assertThat(p.keptBytes()).isEqualTo(2L * block);
    p.accept(chunk(large, 1)); // no room: large drops what it kept, small keeps its chunk
    assertThat(p.keptBytes()).isEqualTo(block);
    p.accept(chunk(large, 2)); // and keeps nothing more
    assertThat(p.keptBytes()).isEqualTo(block);

    StreamProfiles.Streamed largeStreamed = p.take(sealed(large, 3)).orElseThrow();
    assertThat(largeStreamed.chunks()).isNull(); // pass 1 from the stream, pass 2 replays
    assertThat(largeStreamed.profiler().rows()).isEqualTo(6);
    p.release(largeStreamed);
    assertThat(p.keptBytes()).isEqualTo(block);

    StreamProfiles.Streamed smallStreamed = p.take(sealed(small, 1)).orElseThrow();
    assertThat(all(smallStreamed.chunks())).containsExactly(small0.bytes());
    p.release(smallStreamed);
    assertThat(p.keptBytes()).isZero();

    // A chunk larger than a block is not kept either.
    StreamProfiles tiny =
        profiles(
            config(8, 1 << 30, Duration.ofMillis(50), Duration.ofSeconds(5)),
            new ChunkMemory(1 << 20, 16));
    tiny.accept(chunk(small, 0));
    assertThat(tiny.take(sealed(small, 1)).orElseThrow().chunks()).isNull();

    StreamProfiles none =
        profiles(config(8, 1 << 30, Duration.ofMillis(50), Duration.ofSeconds(5), 0));
    none.accept(small0);
    assertThat(none.keptBytes()).isZero();
    assertThat(none.take(sealed(small, 1)).orElseThrow().chunks()).isNull();
  }

  @Test
  void profilesDroppedBeforePass2GiveTheirChunksBack() {
    StreamProfiles p =
        profiles(
            config(8, 1 << 30, Duration.ofMillis(50), Duration.ofMillis(100)),
            new ChunkMemory(1 << 20, 1024));
    DatasetRef discarded = ref("discarded", 1);
    p.accept(chunk(discarded, 0));
    assertThat(p.keptBytes()).isPositive();
    p.discard(discarded);
    assertThat(p.keptBytes()).isZero();

    DatasetRef incomplete = ref("incomplete", 1);
    p.accept(chunk(incomplete, 0));
    assertThat(p.keptBytes()).isPositive();
    assertThat(p.take(sealed(incomplete, 2))).isEmpty(); // chunk 1 never comes
    assertThat(p.keptBytes()).isZero();
  }

  /** The shared test settings, and this stage's own on top. */
  private abstract static class StageStream extends TestStreamSettings
      implements CleaningConfig.Stream {}
}
