package io.trainyard.toolkit.runtime;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The warm-up of a service built on the toolkit: after start (CDI's {@link Startup} event) it runs
 * the service's {@link Rehearsal} beans in the background ({@link Warmups}), unless {@code
 * trainyard.warm-up.enabled} is false, and answers as a readiness check named {@code warm-up} with
 * where the warm-up stands (state, rehearsals, milliseconds, failures). The check is up in every
 * state: a service takes work before its warm-up ends (its first data set is then slower, not
 * refused), and whoever wants to wait for the warm-up (a benchmark, an operator) reads the state.
 */
@Readiness
@Singleton
public class WarmupCheck implements HealthCheck {

  private final Warmups warmups;

  public WarmupCheck(WarmupConfig config, Instance<Rehearsal> rehearsals) {
    this.warmups =
        new Warmups(
            config.enabled(),
            rehearsals.stream().sorted(Comparator.comparing(Rehearsal::name)).toList());
  }

  void onStart(@Observes Startup event) {
    warmups.start();
  }

  @Override
  public HealthCheckResponse call() {
    return response(warmups);
  }

  /** The readiness answer for {@code warmups}: always up, with where it stands. */
  static HealthCheckResponse response(Warmups warmups) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("state", warmups.state().name().toLowerCase(Locale.ROOT));
    data.put("rehearsals", String.join(", ", warmups.names()));
    if (warmups.millis() >= 0) {
      data.put("ms", warmups.millis());
    }
    if (!warmups.failures().isEmpty()) {
      data.put("failures", String.join("; ", warmups.failures()));
    }
    return new HealthCheckResponse("warm-up", HealthCheckResponse.Status.UP, Optional.of(data));
  }
}
