package io.trainyard.cleaning.service;

import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.toolkit.messaging.RangeWriter;

/** Where cleaning publishes: cleaned chunks, then the data set's profile. */
public interface CleaningOutput {

  /** A range writer of cleaned chunks with at most {@code maxInFlight} records unacknowledged. */
  RangeWriter chunks(int maxInFlight);

  /** Publishes the profile and waits for the broker's acknowledgement. */
  void profiled(DatasetProfiled profiled);

  /**
   * Gets the producers ready to send without sending anything: connections and the topics'
   * metadata, so that the first record of the first data set does not wait for them.
   */
  default void warmUp() {}
}
