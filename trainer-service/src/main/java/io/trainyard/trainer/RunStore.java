package io.trainyard.trainer;

import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingRequested;
import java.util.Optional;

/**
 * One record per training request ({@code request_id}), so that a replayed request trains nothing
 * twice: {@code RUNNING} while it trains, then {@code COMPLETED} or {@code FAILED} for good.
 */
public interface RunStore {

  enum State {
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** What is known about one request. */
  record Run(String requestId, State state, int attempts, String reason, String artifactId) {
    public boolean finished() {
      return state == State.COMPLETED || state == State.FAILED;
    }
  }

  Optional<Run> find(String requestId);

  /**
   * Marks the request RUNNING (counting an attempt), keeping the request itself so that it can be
   * issued again by hand.
   */
  void begin(TrainingRequested request);

  void completed(TrainingCompleted completed);

  void failed(String requestId, String reason);
}
