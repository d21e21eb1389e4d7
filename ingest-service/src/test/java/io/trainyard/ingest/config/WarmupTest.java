package io.trainyard.ingest.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trainyard.devstack.DevStackResource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
    Map<String, Object> data =
        await()
            .atMost(Duration.ofMinutes(5))
            .until(WarmupTest::warmUp, d -> !Set.of("pending", "running").contains(d.get("state")));
    assertThat(data).containsEntry("rehearsals", "ingest").containsEntry("state", "done");
  }

  private static Map<String, Object> warmUp() {
    JsonPath health = given().when().get("/q/health/ready").jsonPath();
    Map<String, Object> data = health.getMap("checks.find { it.name == 'warm-up' }.data");
    assertThat(data).as("no warm-up check in %s", health.prettify()).isNotNull();
    return data;
  }
}
