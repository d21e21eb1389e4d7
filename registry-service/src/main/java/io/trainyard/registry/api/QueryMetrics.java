package io.trainyard.registry.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.trainyard.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Counts registry queries: {@code trainyard.registry.queries} with tags {@code api} (grpc | rest),
 * {@code method} (get_model | list_models | get_version | list_versions) and {@code outcome} (ok |
 * not_found | invalid_argument | error).
 */
@ApplicationScoped
public class QueryMetrics {

  public static final String GRPC = "grpc";
  public static final String REST = "rest";

  private final MeterRegistry meters;

  public QueryMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Runs a query and counts it by outcome; exceptions pass through. */
  public <T> T count(String api, String method, Supplier<T> query) {
    String outcome = "error";
    try {
      T result = query.get();
      outcome = "ok";
      return result;
    } catch (RegistryException e) {
      outcome = e.kind() == RegistryException.Kind.NOT_FOUND ? "not_found" : "invalid_argument";
      throw e;
    } finally {
      meters
          .counter("trainyard.registry.queries", "api", api, "method", method, "outcome", outcome)
          .increment();
    }
  }
}
