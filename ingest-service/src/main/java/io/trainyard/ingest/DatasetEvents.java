package io.trainyard.ingest;

import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.toolkit.messaging.RangeWriter;

/** Where ingest publishes a data set: DatasetOpened, the RowChunks, then DatasetSealed. */
public interface DatasetEvents {

  /**
   * Publishes DatasetOpened; the returned handle waits for the broker's acknowledgement, so the
   * chunks can start while it is on its way (DatasetSealed waits for it: same producer, same key).
   */
  Pending opened(String key, DatasetOpened event);

  /** A send whose acknowledgement has not been awaited yet. */
  interface Pending {
    /** Waits for the acknowledgement; throws when the send failed. */
    void await();
  }

  /** A range writer of chunks with at most {@code maxInFlight} unacknowledged at a time. */
  RangeWriter chunks(int maxInFlight);

  /** Publishes DatasetSealed and waits for the broker's acknowledgement. */
  void sealed(String key, DatasetSealed event);

  /**
   * Gets the producers ready to send without sending anything (connections, topic metadata), so
   * that the first event of the first upload does not wait for them.
   */
  default void warmUp() {}
}
