package io.trainyard.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.devstack.DevStackResource;
import io.trainyard.testsupport.BreastCancer;
import io.trainyard.testsupport.TestKafka;
import io.trainyard.toolkit.messaging.Envelopes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A trainer whose heap for data is set small (below what the breast cancer data set's train and
 * validation splits take, above its train split alone), on the real broker and store: the data set
 * that does not fit ends in a TrainingFailed with the figures, before anything is read, and a
 * smaller request after it trains.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
@TestProfile(DataHeapTest.SmallDataHeap.class)
class DataHeapTest {

  /** 399 + 114 rows x (30 features x 4 + 4) bytes = 63,612 bytes; 399 rows alone 49,476. */
  public static final class SmallDataHeap implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("trainyard.trainer.max-data-bytes", "60000");
    }
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private static TrainingRequested request(DatasetPrepared prepared) {
    return TrainingRequested.newBuilder()
        .setEventId(Envelopes.newEventId())
        .setRequestId(UUID.randomUUID().toString())
        .setDataset(prepared.getDataset())
        .setModelName("breast-cancer-mlp")
        .setConfig(
            TrainingConfig.newBuilder()
                .setFamily("mlp")
                .addAllHiddenUnits(List.of(8))
                .setMaxEpochs(3)
                .setBatchSize(32)
                .setLearningRate(0.005)
                .setPatience(3)
                .setSeed(7)
                .setOptimizer("adam")
                .setInitializer("xavier")
                .setLoss("cross-entropy"))
        .setPrepared(prepared)
        .build();
  }

  @Test
  void aDataSetLargerThanTheHeapForDataFailsWithTheReasonAndASmallerRequestTrainsAfterIt() {
    try (TestKafka kafka = new TestKafka(bootstrap);
        TestKafka.Reader results = kafka.reader(Topics.TRAINING_RESULTS)) {
      DatasetRef dataset =
          DatasetRef.newBuilder()
              .setDatasetId("bc-heap-" + UUID.randomUUID())
              .setVersion(1)
              .setSpecHash("test")
              .build();
      DatasetPrepared prepared = BreastCancer.publishBatches(kafka, dataset, "");
      TrainingRequested tooLarge = request(prepared);
      // The same data set without its validation split: the train split alone fits.
      TrainingRequested smaller = request(prepared.toBuilder().clearValidation().build());

      kafka.publish(Topics.TRAINING_REQUESTS, tooLarge.getModelName(), tooLarge);
      kafka.publish(Topics.TRAINING_REQUESTS, smaller.getModelName(), smaller);

      await()
          .atMost(Duration.ofSeconds(90))
          .pollInSameThread()
          .until(
              () ->
                  results.events(EventTypes.TRAINING_COMPLETED, TrainingCompleted.parser()).stream()
                      .anyMatch(c -> c.getRequestId().equals(smaller.getRequestId())));
      List<TrainingFailed> failed =
          results.events(EventTypes.TRAINING_FAILED, TrainingFailed.parser()).stream()
              .filter(f -> f.getRequestId().equals(tooLarge.getRequestId()))
              .toList();
      assertThat(failed)
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.getReason())
                      .contains("need 63 KiB in memory (513 rows x 30 features")
                      .contains("more than the 59 KiB this trainer has for data")
                      .contains("trainyard.trainer.max-data-bytes"));
      assertThat(
              results.events(EventTypes.TRAINING_FAILED, TrainingFailed.parser()).stream()
                  .filter(f -> f.getRequestId().equals(smaller.getRequestId())))
          .isEmpty();
    }
  }
}
