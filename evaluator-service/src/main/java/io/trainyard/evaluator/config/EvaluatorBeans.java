package io.trainyard.evaluator.config;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.trainyard.evaluator.EvaluatorMetrics;
import io.trainyard.evaluator.EvaluatorOutput;
import io.trainyard.evaluator.ExperimentService;
import io.trainyard.evaluator.ExperimentStore;
import io.trainyard.evaluator.TestBatches;
import io.trainyard.evaluator.messaging.KafkaTestBatches;
import io.trainyard.evaluator.persistence.MongoExperimentStore;
import io.trainyard.ml.Devices;
import io.trainyard.ml.artifact.ArtifactStore;
import io.trainyard.ml.artifact.GridFsArtifactStore;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain classes of the evaluator to Kafka, MongoDB and DJL. */
@ApplicationScoped
public class EvaluatorBeans {

  @Produces
  @Singleton
  ArtifactStore artifactStore(MongoClient mongo) {
    return new GridFsArtifactStore(mongo);
  }

  @Produces
  @Singleton
  TestBatches testBatches(KafkaClients kafka) {
    return new KafkaTestBatches(new RangeReader(kafka));
  }

  @Produces
  @Singleton
  ExperimentStore experimentStore(MongoClient mongo, EvaluatorConfig config) {
    return new MongoExperimentStore(mongo.getDatabase(config.database()));
  }

  @Produces
  @Singleton
  EvaluatorMetrics metrics(MeterRegistry registry) {
    return new EvaluatorMetrics(registry);
  }

  @Produces
  @Singleton
  ExperimentService experimentService(
      ExperimentStore experiments,
      ArtifactStore artifacts,
      TestBatches batches,
      EvaluatorOutput output,
      EvaluatorMetrics metrics,
      EvaluatorConfig config) {
    // Read by the PyTorch engine when it loads, on the first evaluation: set it before.
    Devices.useIntraOpThreads(config.numThreads());
    return new ExperimentService(experiments, artifacts, batches, output, metrics);
  }
}
