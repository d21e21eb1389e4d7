package io.trainyard.contracts;

import com.google.protobuf.Message;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import java.util.Map;

/** CloudEvents {@code ce_type} of each event payload: {@code trainyard.<subject>.<verb>.v1}. */
public final class EventTypes {

  public static final String ROW_CHUNK = "trainyard.dataset.chunk.v1";
  public static final String DATASET_OPENED = "trainyard.dataset.opened.v1";
  public static final String DATASET_SEALED = "trainyard.dataset.sealed.v1";
  public static final String DATASET_PROFILED = "trainyard.dataset.profiled.v1";
  public static final String PREPARED_BATCH = "trainyard.dataset.batch.v1";
  public static final String DATASET_PREPARED = "trainyard.dataset.prepared.v1";
  public static final String TRAINING_REQUESTED = "trainyard.training.requested.v1";
  public static final String EPOCH_COMPLETED = "trainyard.training.epoch-completed.v1";
  public static final String TRAINING_COMPLETED = "trainyard.training.completed.v1";
  public static final String TRAINING_FAILED = "trainyard.training.failed.v1";
  public static final String MODEL_EVALUATED = "trainyard.model.evaluated.v1";
  public static final String MODEL_VERSION_REGISTERED = "trainyard.model.version-registered.v1";

  private static final Map<Class<? extends Message>, String> BY_CLASS =
      Map.ofEntries(
          Map.entry(RowChunk.class, ROW_CHUNK),
          Map.entry(DatasetOpened.class, DATASET_OPENED),
          Map.entry(DatasetSealed.class, DATASET_SEALED),
          Map.entry(DatasetProfiled.class, DATASET_PROFILED),
          Map.entry(PreparedBatch.class, PREPARED_BATCH),
          Map.entry(DatasetPrepared.class, DATASET_PREPARED),
          Map.entry(TrainingRequested.class, TRAINING_REQUESTED),
          Map.entry(EpochCompleted.class, EPOCH_COMPLETED),
          Map.entry(TrainingCompleted.class, TRAINING_COMPLETED),
          Map.entry(TrainingFailed.class, TRAINING_FAILED),
          Map.entry(ModelEvaluated.class, MODEL_EVALUATED),
          Map.entry(ModelVersionRegistered.class, MODEL_VERSION_REGISTERED));

  /** The CloudEvents type of a payload. */
  public static String of(Message payload) {
    String type = BY_CLASS.get(payload.getClass());
    if (type == null) {
      throw new IllegalArgumentException("no event type for " + payload.getClass().getName());
    }
    return type;
  }

  private EventTypes() {}
}
