package io.trainyard.trainer.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.trainyard.ml.Devices;
import io.trainyard.ml.artifact.ArtifactStore;
import io.trainyard.ml.artifact.GridFsArtifactStore;
import io.trainyard.ml.train.ModelTrainer;
import io.trainyard.toolkit.messaging.KafkaClients;
import io.trainyard.toolkit.messaging.RangeReader;
import io.trainyard.trainer.BatchReplay;
import io.trainyard.trainer.RunStore;
import io.trainyard.trainer.TrainerMetrics;
import io.trainyard.trainer.TrainingLimits;
import io.trainyard.trainer.TrainingOutput;
import io.trainyard.trainer.TrainingService;
import io.trainyard.trainer.messaging.KafkaBatchReplay;
import io.trainyard.trainer.persistence.MongoRunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Wires the plain classes of the trainer to Kafka, MongoDB and DJL. */
@ApplicationScoped
public class TrainerBeans {

  private static final Logger LOG = Logger.getLogger(TrainerBeans.class);

  /** Loads the engine at start (not on the first request) and says where training will run. */
  void onStart(@Observes StartupEvent event, ModelTrainer trainer) {
    Engine engine = Engine.getInstance();
    LOG.infof(
        "training on %s (DJL %s, %s %s, %s intra-op threads)",
        Devices.name(trainer.device()),
        Engine.getDjlVersion(),
        engine.getEngineName(),
        engine.getVersion(),
        System.getProperty(Devices.NUM_THREADS));
  }

  @Produces
  @Singleton
  ModelTrainer modelTrainer(TrainerConfig config) {
    // Read by the PyTorch engine when it loads: set it before the first DJL call.
    Devices.useIntraOpThreads(config.numThreads());
    Device device = "cpu".equals(config.device()) ? Device.cpu() : Devices.preferred();
    return new ModelTrainer(
        device, "trainyard trainer-service (DJL " + Engine.getDjlVersion() + ")");
  }

  @Produces
  @Singleton
  ArtifactStore artifactStore(MongoClient mongo) {
    return new GridFsArtifactStore(mongo);
  }

  @Produces
  @Singleton
  BatchReplay batchReplay(KafkaClients kafka) {
    return new KafkaBatchReplay(new RangeReader(kafka));
  }

  @Produces
  @Singleton
  RunStore runStore(MongoClient mongo, TrainerConfig config) {
    return new MongoRunStore(mongo.getDatabase(config.database()));
  }

  @Produces
  @Singleton
  TrainerMetrics metrics(MeterRegistry registry) {
    return new TrainerMetrics(registry);
  }

  @Produces
  @Singleton
  TrainingService trainingService(
      BatchReplay batches,
      ModelTrainer trainer,
      ArtifactStore artifacts,
      RunStore runs,
      TrainingOutput output,
      TrainerMetrics metrics,
      TrainerConfig config) {
    TrainingLimits limits =
        config
            .maxDataBytes()
            .map(bytes -> new TrainingLimits(bytes, config.maxAttempts()))
            .orElseGet(
                () ->
                    TrainingLimits.forHeap(Runtime.getRuntime().maxMemory(), config.maxAttempts()));
    LOG.infof(
        "a request's splits may take %s of the heap; a request is started %d times at most",
        TrainingLimits.size(limits.maxDataBytes()), limits.maxAttempts());
    return new TrainingService(batches, trainer, artifacts, runs, output, metrics, limits);
  }
}
