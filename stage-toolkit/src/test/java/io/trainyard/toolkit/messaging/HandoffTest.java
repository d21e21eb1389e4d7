package io.trainyard.toolkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffTest {

  @Test
  void theWorkerTakesEveryItemInOrder() {
    List<Integer> seen = new ArrayList<>();
    try (Handoff<Integer> handoff = new Handoff<>("test-worker", 2, seen::add)) {
      for (int i = 0; i < 100; i++) {
        handoff.put(i);
      }
      handoff.finish();
    }
    assertThat(seen).hasSize(100).isSorted();
  }

  @Test
  void aFailureOfTheWorkReachesTheCaller() {
    Handoff<Integer> handoff =
        new Handoff<>(
            "test-worker",
            1,
            i -> {
              if (i == 3) {
                throw new IllegalArgumentException("bad item " + i);
              }
            });
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 1_000; i++) {
                handoff.put(i);
              }
              handoff.finish();
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad item 3");
    handoff.close();
  }
}
