package io.trainyard.registry;

import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.registry.RegistryStore.DuplicateRequestException;
import io.trainyard.toolkit.messaging.Envelopes;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a {@code ModelEvaluated} into the model's next version, once per training request.
 *
 * <p>The steps, each safe to repeat: (1) if the request has a version, it is a duplicate; (2) else
 * allocate the next number and store the version (a unique key on the request id stops a second
 * one); (3) bring the model document up to date; (4) publish {@code ModelVersionRegistered} and
 * mark the version published. A crash between any two steps is finished on redelivery: a stored but
 * unpublished version is completed and published then, with the event id fixed at step 2. A crash
 * between allocation and storage leaves a gap in the numbers, never a duplicate.
 */
public final class Registrar {

  /** What a registration did. */
  public enum Outcome {
    /** A new version was created. */
    REGISTERED,
    /** The training request had a version already; nothing new was created. */
    DUPLICATE
  }

  public record Result(Outcome outcome, VersionRecord version) {}

  /** Sends the event and returns once the broker has acknowledged it. */
  @FunctionalInterface
  public interface Publisher {
    void publish(ModelVersionRegistered event);
  }

  private final RegistryStore store;
  private final Publisher publisher;
  private final Clock clock;
  private final Supplier<String> eventIds;

  public Registrar(
      RegistryStore store, Publisher publisher, Clock clock, Supplier<String> eventIds) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
    this.eventIds = eventIds;
  }

  /**
   * Registers the evaluated model.
   *
   * @throws PoisonEventException when the event lacks what a version needs
   */
  public Result register(ModelEvaluated evaluated) {
    String requestId = Envelopes.require(evaluated.getRequestId(), "request_id");
    String model = Envelopes.require(evaluated.getModelName(), "model_name");
    if (!ResourceNames.isModelId(model)) {
      throw new PoisonEventException(
          "model_name '" + model + "' is not a valid model name (lower-case letters, digits, '-')");
    }
    Envelopes.require(evaluated.getDataset().getDatasetId(), "dataset.dataset_id");

    var existing = store.findByRequestId(requestId);
    if (existing.isPresent()) {
      return new Result(Outcome.DUPLICATE, finish(existing.get()));
    }
    VersionRecord stored;
    try {
      stored = store.register(draft(evaluated));
    } catch (DuplicateRequestException e) {
      // Another consumer registered the same request in between.
      return new Result(Outcome.DUPLICATE, finish(store.findByRequestId(requestId).orElseThrow()));
    }
    return new Result(Outcome.REGISTERED, finish(stored));
  }

  private VersionRecord finish(VersionRecord version) {
    if (version.published()) {
      return version;
    }
    store.completeRegistration(version);
    publisher.publish(RegisteredEvents.of(version));
    store.markPublished(version.model(), version.version());
    return version.asPublished();
  }

  /** The version to store, before its number is allocated. */
  VersionRecord draft(ModelEvaluated e) {
    var d = e.getDataset();
    var a = e.getArtifact();
    List<String> classes = e.getConfusionMatrix().getClassesList();
    return new VersionRecord(
        e.getModelName(),
        0,
        e.getRequestId(),
        e.getEventId(),
        eventIds.get(),
        false,
        e.getMetricsMap(),
        new VersionRecord.Lineage(
            d.getDatasetId(), d.getVersion(), d.getSpecHash(), e.getRequestId()),
        e.hasArtifact()
            ? new VersionRecord.Artifact(a.getId(), a.getSha256(), a.getSizeBytes(), a.getFormat())
            : null,
        classes,
        e.getConfusionMatrix().getCountsList(),
        e.getBlessed(),
        e.getConfig().getFamily(),
        e.getDevice(),
        e.getEpochsRun(),
        clock.instant());
  }
}
