package io.trainyard.cli.watch;

import com.google.protobuf.Message;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.EpochCompleted;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingFailed;
import io.trainyard.contracts.events.v1.TrainingRequested;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a watch knows: which data set version it follows, which training requests belong to it, and
 * whether its pipeline has ended. Fed one decoded event at a time; says what to print.
 *
 * <p>An event belongs to the watch when its {@code DatasetRef} names the data set (and the version,
 * once known), or, for model-keyed events, when it carries a training request id seen on an event
 * of that data set. Without a version the first version seen is followed.
 */
public final class WatchState {

  /** Where the followed pipeline stands. */
  public enum Status {
    WATCHING,
    REGISTERED,
    FAILED
  }

  /** Something to print. */
  public sealed interface Output permits Line, Progress {
    String text();
  }

  /** A whole line. */
  public record Line(String text) implements Output {}

  /** The epoch progress line, redrawn in place. */
  public record Progress(String text) implements Output {}

  private final String datasetId;
  private Integer version;
  private final Set<String> requests = new HashSet<>();
  private Status status = Status.WATCHING;
  private String failureReason;
  private ModelVersionRegistered registered;

  /**
   * @param version the version to follow, or null for the first one seen
   */
  public WatchState(String datasetId, Integer version) {
    this.datasetId = datasetId;
    this.version = version;
  }

  /** Takes one event; returns what to print, if the event belongs to this watch. */
  public Optional<Output> accept(Message event) {
    if (status != Status.WATCHING || !belongs(event)) {
      return Optional.empty();
    }
    if (event instanceof EpochCompleted e) {
      return Optional.of(new Progress(ProgressBar.render(e)));
    }
    if (event instanceof TrainingFailed e) {
      status = Status.FAILED;
      failureReason = e.getReason();
    } else if (event instanceof ModelVersionRegistered e) {
      status = Status.REGISTERED;
      registered = e;
    }
    String line = EventLines.format(event);
    return line == null ? Optional.empty() : Optional.of(new Line(line));
  }

  public Status status() {
    return status;
  }

  /** The data set version followed (null until known). */
  public Integer version() {
    return version;
  }

  public String failureReason() {
    return failureReason;
  }

  /** The registration that ended the pipeline, when it ended so. */
  public Optional<ModelVersionRegistered> registered() {
    return Optional.ofNullable(registered);
  }

  private boolean belongs(Message event) {
    DatasetRef ref = datasetOf(event);
    String request = requestOf(event);
    if (ref != null && !ref.getDatasetId().isEmpty()) {
      if (!ref.getDatasetId().equals(datasetId)) {
        return false;
      }
      if (version == null) {
        version = ref.getVersion();
      }
      if (ref.getVersion() != version) {
        return false;
      }
      if (request != null && !request.isEmpty()) {
        requests.add(request);
      }
      return true;
    }
    return request != null && requests.contains(request);
  }

  static DatasetRef datasetOf(Message event) {
    if (event instanceof DatasetOpened e) {
      return e.getDataset();
    } else if (event instanceof DatasetSealed e) {
      return e.getDataset();
    } else if (event instanceof DatasetProfiled e) {
      return e.getDataset();
    } else if (event instanceof DatasetPrepared e) {
      return e.getDataset();
    } else if (event instanceof TrainingRequested e) {
      return e.hasDataset() ? e.getDataset() : e.getPrepared().getDataset();
    } else if (event instanceof EpochCompleted e) {
      return e.getDataset();
    } else if (event instanceof TrainingCompleted e) {
      return e.hasDataset() ? e.getDataset() : e.getPrepared().getDataset();
    } else if (event instanceof TrainingFailed e) {
      return e.getDataset();
    } else if (event instanceof ModelEvaluated e) {
      return e.getDataset();
    } else if (event instanceof ModelVersionRegistered e) {
      return e.getDataset();
    }
    return null;
  }

  static String requestOf(Message event) {
    if (event instanceof TrainingRequested e) {
      return e.getRequestId();
    } else if (event instanceof EpochCompleted e) {
      return e.getRequestId();
    } else if (event instanceof TrainingCompleted e) {
      return e.getRequestId();
    } else if (event instanceof TrainingFailed e) {
      return e.getRequestId();
    } else if (event instanceof ModelEvaluated e) {
      return e.getRequestId();
    } else if (event instanceof ModelVersionRegistered e) {
      return e.getRequestId();
    }
    return null;
  }
}
