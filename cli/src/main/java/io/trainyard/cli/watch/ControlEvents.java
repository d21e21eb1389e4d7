package io.trainyard.cli.watch;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The control topics a watch follows, and how their records are read. */
public final class ControlEvents {

  /** Every topic that carries a stage's control events (data chunks and batches left out). */
  public static final List<String> TOPICS =
      List.of(
          Topics.INGEST_DATASETS,
          Topics.CLEANING_PROFILES,
          Topics.LABELING_DATASETS,
          Topics.TRAINING_REQUESTS,
          Topics.TRAINING_EPOCHS,
          Topics.TRAINING_RESULTS,
          Topics.EVALUATION_RESULTS,
          Topics.REGISTRY_EVENTS);

  private static final Map<String, Parser<? extends Message>> PARSERS =
      Map.of(
          EventTypes.DATASET_OPENED, DatasetOpened.parser(),
          EventTypes.DATASET_SEALED, DatasetSealed.parser(),
          EventTypes.DATASET_PROFILED, DatasetProfiled.parser(),
          EventTypes.DATASET_PREPARED, DatasetPrepared.parser(),
          EventTypes.TRAINING_REQUESTED, TrainingRequested.parser(),
          EventTypes.EPOCH_COMPLETED, EpochCompleted.parser(),
          EventTypes.TRAINING_COMPLETED, TrainingCompleted.parser(),
          EventTypes.TRAINING_FAILED, TrainingFailed.parser(),
          EventTypes.MODEL_EVALUATED, ModelEvaluated.parser(),
          EventTypes.MODEL_VERSION_REGISTERED, ModelVersionRegistered.parser());

  private ControlEvents() {}

  /**
   * The event in a record, by its CloudEvents type; empty for records without a type, of a type a
   * watch does not follow, or whose payload does not parse.
   */
  public static Optional<Message> decode(String ceType, byte[] payload) {
    Parser<? extends Message> parser = ceType == null ? null : PARSERS.get(ceType);
    if (parser == null || payload == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.parseFrom(payload));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }
}
