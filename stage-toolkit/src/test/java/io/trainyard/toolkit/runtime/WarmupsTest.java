package io.trainyard.toolkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The warm-up mechanism: the rehearsals run in order on one low-priority daemon thread, a failing
 * one is reported and does not stop the next, the switch turns it all off, and the readiness check
 * stays up while it reports where the warm-up stands.
 */
class WarmupsTest {

  /** What each rehearsal saw of the thread that ran it, in the order they ran. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private Rehearsal recording(String name) {
    return rehearsal(
        name,
        () -> {
          Thread t = Thread.currentThread();
          seen.add(
              name + " on " + t.getName() + " daemon=" + t.isDaemon() + " p=" + t.getPriority());
        });
  }

  private static Rehearsal rehearsal(String name, Warmup work) {
    return new Rehearsal() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void rehearse() throws Exception {
        work.run();
      }
    };
  }

  @FunctionalInterface
  private interface Warmup {
    void run() throws Exception;
  }

  @Test
  void runsEveryRehearsalInOrderOnOneLowPriorityDaemonThreadAfterStart() {
    CountDownLatch release = new CountDownLatch(1);
    Warmups warmups =
        new Warmups(
            true,
            List.of(rehearsal("gate", release::await), recording("first"), recording("second")));
    assertThat(warmups.state()).isEqualTo(Warmups.State.PENDING);
    assertThat(seen).isEmpty();

    Thread thread = warmups.start();
    assertThat(thread.getName()).isEqualTo(Warmups.THREAD);
    assertThat(warmups.state()).isEqualTo(Warmups.State.RUNNING);
    assertThat(health(warmups)).containsEntry("state", "running").doesNotContainKey("ms");
    assertThat(warmups.start()).as("started once").isSameAs(thread);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> warmups.state() == Warmups.State.DONE);
    assertThat(seen)
        .containsExactly(
            "first on warm-up daemon=true p=" + Thread.MIN_PRIORITY,
            "second on warm-up daemon=true p=" + Thread.MIN_PRIORITY);
    assertThat(warmups.failures()).isEmpty();
    assertThat(warmups.millis()).isNotNegative();
    assertThat(health(warmups))
        .containsEntry("state", "done")
        .containsEntry("rehearsals", "gate, first, second")
        .containsKey("ms")
        .doesNotContainKey("failures");
  }

  @Test
  void aRehearsalCutShortIsReportedWithItsReasonAndTheNextOneStillRuns() {
    Warmups warmups =
        new Warmups(
            true,
            List.of(
                rehearsal(
                    "broken",
                    () -> {
                      throw new IllegalStateException("no store");
                    }),
                rehearsal(
                    "unlinked",
                    () -> {
                      throw new NoClassDefFoundError("io/trainyard/Gone");
                    }),
                recording("after")));
    warmups.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> warmups.state() == Warmups.State.FAILED);
    assertThat(seen).containsExactly("after on warm-up daemon=true p=" + Thread.MIN_PRIORITY);
    assertThat(warmups.failures())
        .containsExactly(
            "broken: java.lang.IllegalStateException: no store",
            "unlinked: java.lang.NoClassDefFoundError: io/trainyard/Gone");
    HealthCheckResponse response = WarmupCheck.response(warmups);
    assertThat(response.getStatus())
        .as("a failed warm-up only costs time")
        .isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow())
        .containsEntry("state", "failed")
        .containsEntry(
            "failures",
            "broken: java.lang.IllegalStateException: no store;"
                + " unlinked: java.lang.NoClassDefFoundError: io/trainyard/Gone");
  }

  @Test
  void switchedOffNothingRuns() {
    Warmups warmups = new Warmups(false, List.of(recording("skipped")));
    assertThat(warmups.start()).isNull();
    assertThat(warmups.state()).isEqualTo(Warmups.State.OFF);
    assertThat(health(warmups))
        .containsEntry("state", "off")
        .containsEntry("rehearsals", "skipped");
    assertThat(seen).isEmpty();
  }

  @Test
  void aServiceWithNothingToRehearseIsDoneAtOnceWithoutAThread() {
    Warmups warmups = new Warmups(true, List.of());
    assertThat(warmups.start()).isNull();
    assertThat(warmups.state()).isEqualTo(Warmups.State.DONE);
    assertThat(health(warmups)).containsEntry("state", "done").containsEntry("rehearsals", "");
  }

  private static java.util.Map<String, Object> health(Warmups warmups) {
    HealthCheckResponse response = WarmupCheck.response(warmups);
    assertThat(response.getName()).isEqualTo("warm-up");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    return response.getData().orElseThrow();
  }
}
