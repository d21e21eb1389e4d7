package io.trainyard.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import org.junit.jupiter.api.Test;

class WatchStateTest {

  private static final String ID = "breast-cancer";

  @Test
  void followsOnlyTheWantedDataSetVersion() {
    WatchState s = new WatchState(ID, 2);
    assertThat(s.accept(Events.sealed(ID, 1))).isEmpty();
    assertThat(s.accept(Events.sealed("iris", 2))).isEmpty();
    assertThat(s.accept(Events.sealed(ID, 2)))
        .hasValueSatisfying(o -> assertThat(o).isInstanceOf(WatchState.Line.class));
    assertThat(s.accept(Events.registered(ID, 1, "old", 1))).isEmpty();
    assertThat(s.status()).isEqualTo(WatchState.Status.WATCHING);
  }

  @Test
  void withoutAVersionFollowsTheFirstOneSeen() {
    WatchState s = new WatchState(ID, null);
    assertThat(s.accept(Events.opened(ID, 4))).isPresent();
    assertThat(s.version()).isEqualTo(4);
    assertThat(s.accept(Events.sealed(ID, 5))).isEmpty();
  }

  @Test
  void modelEventsWithoutADataSetMatchByTheirTrainingRequest() {
    WatchState s = new WatchState(ID, 1);
    s.accept(Events.requested(ID, 1, "req-1"));
    EpochCompleted bare = Events.epoch(ID, 1, "req-1", 2).toBuilder().clearDataset().build();
    assertThat(s.accept(bare))
        .hasValueSatisfying(o -> assertThat(o).isInstanceOf(WatchState.Progress.class));
    ModelEvaluated other = Events.evaluated(ID, 1, "req-2").toBuilder().clearDataset().build();
    assertThat(s.accept(other)).isEmpty();
  }

  @Test
  void endsOnRegistrationAndIgnoresTheRest() {
    WatchState s = new WatchState(ID, 1);
    assertThat(s.accept(Events.registered(ID, 1, "r", 7))).isPresent();
    assertThat(s.status()).isEqualTo(WatchState.Status.REGISTERED);
    assertThat(s.registered()).hasValueSatisfying(r -> assertThat(r.getVersion()).isEqualTo(7));
    assertThat(s.accept(Events.sealed(ID, 1))).isEmpty();
  }

  @Test
  void endsOnTrainingFailureWithTheReason() {
    WatchState s = new WatchState(ID, 1);
    assertThat(s.accept(Events.failed(ID, 1, "r")))
        .hasValueSatisfying(
            o ->
                assertThat(o.text())
                    .isEqualTo("training  FAILED breast-cancer-mlp: out of memory"));
    assertThat(s.status()).isEqualTo(WatchState.Status.FAILED);
    assertThat(s.failureReason()).isEqualTo("out of memory");
    assertThat(s.registered()).isEmpty();
  }
}
