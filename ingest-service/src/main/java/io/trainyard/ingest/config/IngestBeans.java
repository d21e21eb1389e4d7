package io.trainyard.ingest.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.trainyard.ingest.DatasetEvents;
import io.trainyard.ingest.IngestMetrics;
import io.trainyard.ingest.Ingestor;
import io.trainyard.ingest.scan.ParsePool;
import io.trainyard.ingest.scan.SpoolMemory;
import io.trainyard.ingest.versions.DatasetRepository;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain domain classes into CDI. */
public class IngestBeans {

  @Produces
  @Singleton
  IngestMetrics metrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Produces
  @Singleton
  SpoolMemory spoolMemory(IngestConfig config) {
    return new SpoolMemory(config.spoolMemoryBytes());
  }

  /** The threads that parse uploads, one per core, shared by the uploads in progress. */
  @Produces
  @Singleton
  ParsePool parsePool() {
    return ParsePool.perCore();
  }

  /**
   * Stops the parse threads when the service stops (the container destroys its singletons at
   * shutdown); returns once the threads have ended.
   */
  void stopParsePool(@Disposes ParsePool pool) {
    pool.close();
  }

  @Produces
  @Singleton
  Ingestor ingestor(
      DatasetRepository repository,
      DatasetEvents events,
      IngestConfig config,
      IngestMetrics metrics,
      SpoolMemory spoolMemory,
      ParsePool parsers) {
    return new Ingestor(repository, events, config, metrics, spoolMemory, parsers);
  }
}
