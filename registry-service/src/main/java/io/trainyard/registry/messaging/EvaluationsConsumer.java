package io.trainyard.registry.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.registry.Registrar;
import io.trainyard.toolkit.messaging.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Registers a version for each {@code ModelEvaluated} on {@code trainyard.evaluation.results.v1}.
 * Records that are not a ModelEvaluated, or lack what a version needs, go to {@code
 * trainyard.registry.dlq.v1} with the reason.
 */
@ApplicationScoped
public class EvaluationsConsumer {

  private static final Logger LOG = Logger.getLogger(EvaluationsConsumer.class);

  private final Registrar registrar;
  private final MeterRegistry meters;

  public EvaluationsConsumer(Registrar registrar, MeterRegistry meters) {
    this.registrar = registrar;
    this.meters = meters;
  }

  @Incoming("evaluations")
  @Blocking(ordered = true) // MongoDB (sync driver) writes and an acknowledged publish per record
  public CompletionStage<Void> onEvaluated(Message<byte[]> message) {
    try {
      ModelEvaluated evaluated =
          Envelopes.unwrap(message, EventTypes.MODEL_EVALUATED, ModelEvaluated.parser());
      Registrar.Result result = registrar.register(evaluated);
      count(result.outcome() == Registrar.Outcome.REGISTERED ? "registered" : "duplicate");
      LOG.infof(
          "%s %s version %d (training request %s)",
          result.outcome() == Registrar.Outcome.REGISTERED ? "registered" : "already had",
          result.version().model(),
          result.version().version(),
          result.version().requestId());
      return message.ack();
    } catch (RuntimeException e) {
      count("failed");
      LOG.warnf(
          "dead-lettering a record of %s: %s", "trainyard.evaluation.results.v1", e.getMessage());
      return message.nack(e);
    }
  }

  private void count(String outcome) {
    meters.counter("trainyard.registry.versions", "outcome", outcome).increment();
  }
}
