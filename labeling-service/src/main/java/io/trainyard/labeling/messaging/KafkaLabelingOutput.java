package io.trainyard.labeling.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.messaging.Envelopes;
import io.trainyard.contracts.messaging.TrackedPublisher;
import io.trainyard.labeling.service.LabelingOutput;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Batches go to {@code trainyard.labeling.batches.v1} (channel {@code batches}), DatasetPrepared to
 * {@code trainyard.labeling.datasets.v1} (channel {@code prepared}), keyed by the data set id.
 */
@ApplicationScoped
public class KafkaLabelingOutput implements LabelingOutput {

  private final MutinyEmitter<byte[]> batches;
  private final MutinyEmitter<byte[]> prepared;

  public KafkaLabelingOutput(
      // The TrackedPublisher bounds what is in flight; the buffer only has to hold that many.
      @Channel("batches") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
          MutinyEmitter<byte[]> batches,
      @Channel("prepared") MutinyEmitter<byte[]> prepared) {
    this.batches = batches;
    this.prepared = prepared;
  }

  @Override
  public TrackedPublisher batches(int maxInFlight) {
    return new TrackedPublisher(batches, Math.min(maxInFlight, 1024));
  }

  @Override
  public void prepared(DatasetPrepared event) {
    prepared.sendMessageAndAwait(
        Envelopes.wrap(event.getDataset().getDatasetId(), event, event.getEventId()));
  }
}
