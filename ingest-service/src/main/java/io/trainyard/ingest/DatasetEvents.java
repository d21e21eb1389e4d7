package io.trainyard.ingest;

import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.RowChunk;
import java.util.List;

/** Where ingest publishes a data set: DatasetOpened, the RowChunks, then DatasetSealed. */
public interface DatasetEvents {

  /** Publishes DatasetOpened and waits for the broker's acknowledgement. */
  void opened(String key, DatasetOpened event);

  /** Starts a run of chunks with at most {@code maxInFlight} unacknowledged at a time. */
  ChunkRun chunks(int maxInFlight);

  /** Publishes DatasetSealed and waits for the broker's acknowledgement. */
  void sealed(String key, DatasetSealed event);

  /** A run of chunk records. */
  interface ChunkRun {
    /** Sends one chunk; blocks while too many are unacknowledged. */
    void send(String key, RowChunk chunk);

    /** Waits for every chunk and returns where they landed. */
    List<OffsetRange> finish();
  }
}
