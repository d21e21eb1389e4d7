package io.trainyard.ingest.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.trainyard.ingest.DatasetEvents;
import io.trainyard.ingest.IngestMetrics;
import io.trainyard.ingest.Ingestor;
import io.trainyard.ingest.scan.SpoolMemory;
import io.trainyard.ingest.versions.DatasetRepository;
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

  @Produces
  @Singleton
  Ingestor ingestor(
      DatasetRepository repository,
      DatasetEvents events,
      IngestConfig config,
      IngestMetrics metrics,
      SpoolMemory spoolMemory) {
    return new Ingestor(repository, events, config, metrics, spoolMemory);
  }
}
