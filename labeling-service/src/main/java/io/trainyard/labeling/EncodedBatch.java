package io.trainyard.labeling;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;

/** A PreparedBatch in protobuf wire format, with what routing and publishing it needs. */
public record EncodedBatch(Split split, long batchIndex, String eventId, byte[] bytes) {

  /** The batch as a message (tests, diagnostics). */
  public PreparedBatch message() {
    try {
      return PreparedBatch.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
