package io.trainyard.labeling.service;

import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.toolkit.messaging.RangeWriter;

/** Where labeling publishes: batches, then the prepared data set. */
public interface LabelingOutput {

  /** A range writer of batches with at most {@code maxInFlight} records unacknowledged. */
  RangeWriter batches(int maxInFlight);

  /** Publishes the prepared data set and waits for the broker's acknowledgement. */
  void prepared(DatasetPrepared prepared);

  /**
   * Gets the producers ready to send without sending anything: connections and the topics'
   * metadata, so that the first record of the first data set does not wait for them.
   */
  default void warmUp() {}
}
