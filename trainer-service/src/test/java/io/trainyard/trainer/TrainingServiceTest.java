package io.trainyard.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingConfig;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.ml.artifact.ArtifactStore;
import io.trainyard.ml.train.ModelTrainer;
import io.trainyard.trainer.TrainerMetrics.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The trainer's failure paths, with the request, the run records and the published events held in
 * memory: what goes wrong in a run ends that run with a TrainingFailed and its reason, and the
 * service takes the next request. (The paths that train are covered on the real broker and store by
 * TrainingFlowTest.)
 */
class TrainingServiceTest {

  private final Runs runs = new Runs();
  private final Events events = new Events();
  private final AtomicInteger reads = new AtomicInteger();

  private TrainingService service(BatchReplay batches, TrainingLimits limits) {
    return new TrainingService(
        batches,
        new ModelTrainer(Device.cpu(), "test"),
        new NoArtifacts(),
        runs,
        events,
        new TrainerMetrics(new SimpleMeterRegistry()),
        limits);
  }

  private static TrainingRequested request(String id, long trainRows, int features) {
    DatasetPrepared.Builder prepared =
        DatasetPrepared.newBuilder()
            .setDataset(DatasetRef.newBuilder().setDatasetId("d").setVersion(1))
            .addAllClasses(List.of("a", "b"))
            .setTrain(SplitBatches.newBuilder().setRows(trainRows))
            .setValidation(SplitBatches.newBuilder().setRows(trainRows / 4));
    for (int i = 0; i < features; i++) {
      prepared.addFeatureNames("f" + i);
    }
    return TrainingRequested.newBuilder()
        .setEventId("e-" + id)
        .setRequestId(id)
        .setModelName("m")
        .setDataset(prepared.getDataset())
        .setConfig(
            TrainingConfig.newBuilder()
                .setFamily("mlp")
                .addHiddenUnits(4)
                .setMaxEpochs(1)
                .setBatchSize(8)
                .setLearningRate(0.01)
                .setPatience(1)
                .setOptimizer("adam")
                .setInitializer("xavier")
                .setLoss("cross-entropy"))
        .setPrepared(prepared)
        .build();
  }

  @Test
  void runningOutOfMemoryEndsTheRunWithTheReasonAndTheNextRequestIsTaken() {
    TrainingService service =
        service(
            (dataset, split, batches, features) -> {
              reads.incrementAndGet();
              throw new OutOfMemoryError("Java heap space");
            },
            new TrainingLimits(Long.MAX_VALUE, 2));

    assertThat(service.handle(request("r1", 1000, 3))).isEqualTo(Outcome.FAILED);
    assertThat(service.handle(request("r2", 1000, 3))).isEqualTo(Outcome.FAILED);

    assertThat(reads).hasValue(2);
    assertThat(events.failed)
        .extracting(TrainingFailed::getRequestId, TrainingFailed::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r1", "OutOfMemoryError: Java heap space"),
            org.assertj.core.groups.Tuple.tuple("r2", "OutOfMemoryError: Java heap space"));
    assertThat(runs.state.get("r1")).isEqualTo(RunStore.State.FAILED);
    assertThat(runs.reason.get("r1")).isEqualTo("OutOfMemoryError: Java heap space");
  }

  @Test
  void aDataSetLargerThanTheDataHeapIsRefusedBeforeAByteIsRead() {
    TrainingService service =
        service(
            (dataset, split, batches, features) -> {
              reads.incrementAndGet();
              throw new AssertionError("nothing should be read");
            },
            new TrainingLimits(TrainingLimits.bytes(1000, 3), 2));

    assertThat(service.handle(request("big", 5_200_000, 20))).isEqualTo(Outcome.FAILED);

    assertThat(reads).hasValue(0);
    assertThat(events.failed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getRequestId()).isEqualTo("big");
              assertThat(f.getReason())
                  .contains("6,500,000 rows x 20 features")
                  .contains("trainyard.trainer.max-data-bytes");
            });
  }

  @Test
  void aRequestStartedMaxAttemptsTimesWithoutFinishingFailsForGoodAndIsDeadLettered() {
    TrainingService service =
        service(
            (dataset, split, batches, features) -> {
              reads.incrementAndGet();
              throw new AssertionError("a request given up on is not read");
            },
            new TrainingLimits(Long.MAX_VALUE, 2));
    // Two attempts began and neither finished: the trainer was killed during each.
    runs.begin(request("crashes", 10, 3));
    runs.begin(request("crashes", 10, 3));

    assertThatIllegalStateException() // the consumer nacks it: the dead-letter topic
        .isThrownBy(() -> service.handle(request("crashes", 10, 3)))
        .withMessageContaining("started 2 times and never finished");

    assertThat(reads).hasValue(0);
    assertThat(events.failed)
        .singleElement()
        .satisfies(f -> assertThat(f.getReason()).contains("started 2 times"));
    assertThat(runs.state.get("crashes")).isEqualTo(RunStore.State.FAILED);
    // Replayed later, it is a duplicate: nothing is published again.
    assertThat(service.handle(request("crashes", 10, 3))).isEqualTo(Outcome.DUPLICATE);
    assertThat(events.failed).hasSize(1);
  }

  @Test
  void aRequestWhoseFirstAttemptNeverFinishedIsStartedOnceMore() {
    TrainingService service =
        service(
            (dataset, split, batches, features) -> {
              reads.incrementAndGet();
              throw new IllegalStateException("batch 3 is missing");
            },
            new TrainingLimits(Long.MAX_VALUE, 2));
    runs.begin(request("again", 10, 3));

    assertThat(service.handle(request("again", 10, 3))).isEqualTo(Outcome.FAILED);

    assertThat(reads).hasValue(1);
    assertThat(runs.attempts.get("again")).isEqualTo(2);
    assertThat(events.failed)
        .singleElement()
        .satisfies(f -> assertThat(f.getReason()).isEqualTo("batch 3 is missing"));
  }

  /** Run records in memory, as MongoRunStore keeps them. */
  private static final class Runs implements RunStore {
    final Map<String, State> state = new HashMap<>();
    final Map<String, Integer> attempts = new HashMap<>();
    final Map<String, String> reason = new HashMap<>();

    @Override
    public Optional<Run> find(String requestId) {
      return Optional.ofNullable(state.get(requestId))
          .map(s -> new Run(requestId, s, attempts.get(requestId), reason.get(requestId), null));
    }

    @Override
    public void begin(TrainingRequested request) {
      state.put(request.getRequestId(), State.RUNNING);
      attempts.merge(request.getRequestId(), 1, Integer::sum);
    }

    @Override
    public void completed(TrainingCompleted completed) {
      state.put(completed.getRequestId(), State.COMPLETED);
    }

    @Override
    public void failed(String requestId, String why) {
      state.put(requestId, State.FAILED);
      reason.put(requestId, why);
    }
  }

  private static final class Events implements TrainingOutput {
    final List<TrainingFailed> failed = new ArrayList<>();

    @Override
    public void epochCompleted(EpochCompleted event) {}

    @Override
    public void trainingCompleted(TrainingCompleted event) {
      throw new AssertionError("nothing trains here");
    }

    @Override
    public void trainingFailed(TrainingFailed event) {
      failed.add(event);
    }
  }

  private static final class NoArtifacts implements ArtifactStore {
    @Override
    public ArtifactRef put(byte[] bytes, String format) {
      throw new AssertionError("nothing trains here");
    }

    @Override
    public Optional<byte[]> get(String id) {
      return Optional.empty();
    }
  }
}
