package io.trainyard.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trainyard.contracts.spec.PipelineSpec;
import io.trainyard.contracts.spec.SpecParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse threads end when their pool is closed, and a scan's own pool with the scan. */
class ParsePoolTest {

  @TempDir Path dir;

  static final PipelineSpec SPEC =
      SpecParser.parse("{\"name\":\"t\",\"dataset\":{\"label\":\"y\",\"chunkRows\":100}}");

  /** A CSV of {@code rows} rows of two numbers and a label: many blocks of 4 KiB. */
  static byte[] csv(int rows) {
    StringBuilder b = new StringBuilder("a,b,y\n");
    for (int r = 0; r < rows; r++) {
      b.append(r).append(',').append(r * 0.25).append(',').append(r % 2 == 0 ? "p" : "q");
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aScanParsesOnThePoolsThreadsWhichEndWhenThePoolIsClosed() throws Exception {
    ParseThreads threads = new ParseThreads();
    ParsePool pool = threads.pool(2);
    Scan scan;
    try (ChunkSpool spool = ChunkSpool.create(dir)) {
      scan =
          new ParallelScan(1000, 4096, 4, pool)
              .scan(new ByteArrayInputStream(csv(5_000)), SPEC, spool);
    }
    assertThat(scan.rows()).isEqualTo(5_000);
    assertThat(threads.started()).hasSize(2);
    // Between uploads the threads wait for the next blocks.
    assertThat(threads.started()).allMatch(Thread::isAlive);

    pool.close();

    assertThat(pool.isTerminated()).isTrue();
    threads.awaitEnded();
    try (ChunkSpool spool = ChunkSpool.create(dir)) {
      assertThatThrownBy(
              () ->
                  new ParallelScan(1000, 4096, 4, pool)
                      .scan(new ByteArrayInputStream(csv(100)), SPEC, spool))
          .isInstanceOf(RejectedExecutionException.class);
    }
  }

  @Test
  void aScanGivenNoPoolStopsTheThreadsItStarted() throws Exception {
    // The scan runs in a thread group of its own, which the threads it starts join, so that only
    // they are counted (not the parse threads of a service another test may have started).
    ThreadGroup group = new ThreadGroup("scan-without-a-pool");
    AtomicReference<List<String>> whileScanning = new AtomicReference<>();
    InputStream upload =
        new ByteArrayInputStream(csv(5_000)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n < 0 && whileScanning.get() == null) {
              whileScanning.set(threads(group));
            }
            return n;
          }
        };
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread scanning =
        new Thread(
            group,
            () -> {
              try (ChunkSpool spool = ChunkSpool.create(dir)) {
                outcome.set(new ParallelScan(1000, 4096, 4).scan(upload, SPEC, spool).rows());
              } catch (Exception | Error e) {
                outcome.set(e);
              }
            },
            "scanning");
    scanning.start();
    scanning.join(Duration.ofMinutes(1).toMillis());
    assertThat(outcome.get()).isEqualTo(5_000);
    assertThat(whileScanning.get()).anyMatch(name -> name.startsWith("ingest-parse-"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(threads(group)).isEmpty());
  }

  private static List<String> threads(ThreadGroup group) {
    Thread[] all = new Thread[group.activeCount() + 8];
    int n = group.enumerate(all);
    return Arrays.stream(all, 0, n).filter(Thread::isAlive).map(Thread::getName).toList();
  }
}
