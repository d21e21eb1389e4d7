package io.trainyard.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.testsupport.WarmupProbe;
import org.junit.jupiter.api.Test;

/**
 * The toolkit's warm-up finds ingest's rehearsal ({@link Warmup}) in the running service, runs it
 * after start, and it ends without an error (on the real broker and store): the readiness check
 * {@code warm-up} says so.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class WarmupTest {

  @Test
  void theToolkitsWarmUpRunsThisStagesRehearsalToItsEnd() {
    assertThat(WarmupProbe.awaitEnd())
        .containsEntry("rehearsals", "ingest")
        .containsEntry("state", "done");
  }
}
