package io.trainyard.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.testsupport.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watcher on a real broker (the devstack's), fed the events the stages would publish. */
class WatcherKafkaTest {

  /** Record timestamps one millisecond apart, in send order. */
  private static final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private static final TestKafka kafka = TestKafka.forTests();

  @Test
  void followsOneVersionToItsRegistrationSkippingWhatItCannotRead() {
    String id = "wt-" + UUID.randomUUID().toString().substring(0, 8);
    String req = "req-" + id;
    // An older version of the same data set, and another data set: not followed.
    send(id, Events.opened(id, 1));
    send(id, Events.sealed(id, 1));
    send(Events.MODEL, Events.registered(id, 1, "old-" + id, 1));
    send("other", Events.sealed("other", 2));
    // Records nobody can read.
    raw(Topics.INGEST_DATASETS, id, "garbage".getBytes(), EventTypes.DATASET_SEALED);
    raw(Topics.INGEST_DATASETS, id, "no headers".getBytes(), null);
    // The pipeline that is followed.
    send(id, Events.opened(id, 2));
    send(id, Events.sealed(id, 2));
    send(id, Events.profiled(id, 2));
    send(id, Events.prepared(id, 2));
    send(Events.MODEL, Events.requested(id, 2, req));
    for (int epoch = 1; epoch <= 3; epoch++) {
      send(Events.MODEL, Events.epoch(id, 2, req, epoch));
    }
    send(Events.MODEL, Events.completed(id, 2, req));
    send(Events.MODEL, Events.evaluated(id, 2, req));
    send(Events.MODEL, Events.registered(id, 2, req, 5));

    Watcher.Result result =
        new Watcher(kafka.bootstrapServers()).watch(id, 2, Duration.ofSeconds(60), console);

    assertThat(result.ending()).isEqualTo(Watcher.Ending.REGISTERED);
    assertThat(result.version()).isEqualTo(2);
    assertThat(result.registered())
        .hasValueSatisfying(r -> assertThat(r.getVersion()).isEqualTo(5));
    String out = bytes.toString(StandardCharsets.UTF_8);
    String bar3 = ProgressBar.render(Events.epoch(id, 2, req, 3));
    assertThat(out)
        .isEqualTo(
            String.join(
                "\n",
                EventLines.format(Events.opened(id, 2)),
                EventLines.format(Events.sealed(id, 2)),
                EventLines.format(Events.profiled(id, 2)),
                EventLines.format(Events.prepared(id, 2)),
                EventLines.format(Events.requested(id, 2, req)),
                "\r"
                    + ProgressBar.render(Events.epoch(id, 2, req, 1))
                    + "\r"
                    + ProgressBar.render(Events.epoch(id, 2, req, 2))
                    + "\r"
                    + bar3,
                EventLines.format(Events.completed(id, 2, req)),
                EventLines.format(Events.evaluated(id, 2, req)),
                EventLines.format(Events.registered(id, 2, req, 5)),
                ""));
  }

  @Test
  void withoutAVersionFollowsTheNewestAndEndsOnTrainingFailure() {
    String id = "wf-" + UUID.randomUUID().toString().substring(0, 8);
    send(id, Events.opened(id, 1));
    send(Events.MODEL, Events.registered(id, 1, "r1-" + id, 1));
    send(id, Events.opened(id, 2));
    send(Events.MODEL, Events.requested(id, 2, "r2-" + id));
    send(Events.MODEL, Events.failed(id, 2, "r2-" + id));

    Watcher watcher = new Watcher(kafka.bootstrapServers());
    assertThat(watcher.newestVersion(id)).contains(2);
    Watcher.Result result = watcher.watch(id, null, Duration.ofSeconds(60), console);

    assertThat(result.ending()).isEqualTo(Watcher.Ending.FAILED);
    assertThat(result.version()).isEqualTo(2);
    assertThat(result.failureReason()).isEqualTo("out of memory");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .doesNotContain(" v1")
        .endsWith("training  FAILED breast-cancer-mlp: out of memory\n");
  }

  @Test
  void givesUpAtTheTimeout() {
    String id = "wt-" + UUID.randomUUID().toString().substring(0, 8);
    send(id, Events.opened(id, 1));

    Watcher.Result result =
        new Watcher(kafka.bootstrapServers()).watch(id, 1, Duration.ofSeconds(4), console);

    assertThat(result.ending()).isEqualTo(Watcher.Ending.TIMED_OUT);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(EventLines.format(Events.opened(id, 1)) + "\n");
  }

  @Test
  void stopsWhenTheAbortCheckSaysSo() {
    String id = "wa-" + UUID.randomUUID().toString().substring(0, 8);
    send(id, Events.opened(id, 1));

    Watcher.Result result =
        new Watcher(kafka.bootstrapServers())
            .watch(id, 1, Duration.ofSeconds(60), console, () -> "labeling-service exited");

    assertThat(result.ending()).isEqualTo(Watcher.Ending.ABORTED);
    assertThat(result.failureReason()).isEqualTo("labeling-service exited");
  }

  private static void send(String key, Message event) {
    kafka.publish(topicOf(event), key, event, clock.incrementAndGet());
  }

  private static void raw(String topic, String key, byte[] value, String ceType) {
    kafka.send(topic, key, ceType, value, clock.incrementAndGet());
  }

  private static String topicOf(Message event) {
    if (event instanceof DatasetOpened || event instanceof DatasetSealed) {
      return Topics.INGEST_DATASETS;
    } else if (event instanceof DatasetProfiled) {
      return Topics.CLEANING_PROFILES;
    } else if (event instanceof DatasetPrepared) {
      return Topics.LABELING_DATASETS;
    } else if (event instanceof TrainingRequested) {
      return Topics.TRAINING_REQUESTS;
    } else if (event instanceof EpochCompleted) {
      return Topics.TRAINING_EPOCHS;
    } else if (event instanceof ModelEvaluated) {
      return Topics.EVALUATION_RESULTS;
    } else if (event instanceof ModelVersionRegistered) {
      return Topics.REGISTRY_EVENTS;
    }
    return Topics.TRAINING_RESULTS;
  }
}
