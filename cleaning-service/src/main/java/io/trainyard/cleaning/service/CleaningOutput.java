package io.trainyard.cleaning.service;

import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.messaging.TrackedPublisher;

/** Where cleaning publishes: cleaned chunks, then the data set's profile. */
public interface CleaningOutput {

  /** A publisher of cleaned chunks with at most {@code maxInFlight} records unacknowledged. */
  TrackedPublisher chunks(int maxInFlight);

  /** Publishes the profile and waits for the broker's acknowledgement. */
  void profiled(DatasetProfiled profiled);
}
