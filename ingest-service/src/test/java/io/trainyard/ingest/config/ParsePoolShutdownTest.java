package io.trainyard.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.ingest.scan.ChunkSpool;
import io.trainyard.ingest.scan.ParallelScan;
import io.trainyard.ingest.scan.ParsePool;
import io.trainyard.ingest.scan.ParseThreads;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse pool stops with the service: destroying the service's {@link ParsePool} bean, as the
 * container does at shutdown, ends its threads. (The bean is destroyed here with a pool of the
 * test's, so that the service's own pool goes on serving the other tests.)
 */
@QuarkusTest
class ParsePoolShutdownTest {

  @TempDir Path dir;

  @Test
  void destroyingTheParsePoolBeanEndsItsThreads() throws Exception {
    InjectableBean<ParsePool> bean = Arc.container().instance(ParsePool.class).getBean();
    ParseThreads threads = new ParseThreads();
    ParsePool pool = threads.pool(2);
    StringBuilder csv = new StringBuilder("a,y\n");
    for (int r = 0; r < 5_000; r++) {
      csv.append(r).append(',').append(r % 2 == 0 ? "p" : "q").append('\n');
    }
    try (ChunkSpool spool = ChunkSpool.create(dir)) {
      new ParallelScan(1000, pool)
          .scan(
              new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
              SpecParser.parse("{\"name\":\"t\",\"dataset\":{\"label\":\"y\"}}"),
              spool);
    }
    assertThat(threads.started()).isNotEmpty().allMatch(Thread::isAlive);

    bean.destroy(pool, Arc.container().beanManager().createCreationalContext(bean));

    assertThat(pool.isTerminated()).isTrue();
    threads.awaitEnded();
  }
}
