package io.trainyard.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The toolkit's warm-up as a running service reports it: the data of its readiness check {@code
 * warm-up} ({@code state}, {@code rehearsals}, and {@code ms} and {@code failures} once it ends),
 * read from {@code /q/health/ready} with rest-assured, so in a {@code @QuarkusTest}, which points
 * rest-assured at the service under test.
 */
public final class WarmupProbe {

  /** The states of a warm-up that has not ended yet, as the check writes them. */
  private static final Set<String> UNDER_WAY = Set.of("pending", "running");

  /**
   * Generous: the rehearsals run a synthetic data set through a stage's hot paths on a cold JIT,
   * while other tests may share the machine.
   */
  private static final Duration AT_MOST = Duration.ofMinutes(5);

  private WarmupProbe() {}

  /**
   * Polls the service's readiness until its warm-up has ended (in any state but pending or
   * running), and gives the check's data then; fails if the service has no {@code warm-up} check or
   * the warm-up does not end in time.
   */
  public static Map<String, Object> awaitEnd() {
    return await()
        .atMost(AT_MOST)
        .until(WarmupProbe::now, d -> !UNDER_WAY.contains(d.get("state")));
  }

  /** The {@code warm-up} check's data now; fails if the service has no such check. */
  private static Map<String, Object> now() {
    JsonPath health = given().when().get("/q/health/ready").jsonPath();
    Map<String, Object> data = health.getMap("checks.find { it.name == 'warm-up' }.data");
    if (data == null) {
      throw new AssertionError("no warm-up check in " + health.prettify());
    }
    return data;
  }
}
