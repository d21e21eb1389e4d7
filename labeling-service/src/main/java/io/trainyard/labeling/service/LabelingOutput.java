package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.messaging.TrackedPublisher;

/** Where labeling publishes: batches, then the prepared data set. */
public interface LabelingOutput {

  /** A publisher of batches with at most {@code maxInFlight} records unacknowledged. */
  TrackedPublisher batches(int maxInFlight);

  /** Publishes the prepared data set and waits for the broker's acknowledgement. */
  void prepared(DatasetPrepared prepared);
}
