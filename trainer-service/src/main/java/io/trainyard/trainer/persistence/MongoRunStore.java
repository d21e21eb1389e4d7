package io.trainyard.trainer.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.trainyard.contracts.events.v1.TrainingCompleted;
import io.trainyard.contracts.events.v1.TrainingRequested;
import io.trainyard.trainer.RunStore;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Collection {@code runs}: one document per request ({@code _id} = request_id) with its state, the
 * attempts, the request itself (protobuf bytes, to issue it again by hand), and the result
 * (artifact id, epochs) or the failure reason. Single-document updates only.
 */
public final class MongoRunStore implements RunStore {

  public static final String COLLECTION = "runs";

  private final MongoCollection<Document> runs;

  public MongoRunStore(MongoDatabase database) {
    this.runs = database.getCollection(COLLECTION);
  }

  @Override
  public Optional<Run> find(String requestId) {
    Document d = runs.find(Filters.eq("_id", requestId)).first();
    if (d == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Run(
            requestId,
            State.valueOf(d.getString("state")),
            d.getInteger("attempts", 0),
            d.getString("reason"),
            d.getString("artifactId")));
  }

  @Override
  public void begin(TrainingRequested request) {
    Date now = new Date();
    runs.updateOne(
        Filters.eq("_id", request.getRequestId()),
        Updates.combine(
            Updates.set("state", State.RUNNING.name()),
            Updates.set("startedAt", now),
            Updates.inc("attempts", 1),
            Updates.setOnInsert("modelName", request.getModelName()),
            Updates.setOnInsert("datasetId", request.getDataset().getDatasetId()),
            Updates.setOnInsert("datasetVersion", request.getDataset().getVersion()),
            Updates.setOnInsert("specHash", request.getDataset().getSpecHash()),
            Updates.setOnInsert("request", new Binary(request.toByteArray())),
            Updates.setOnInsert("createdAt", now)),
        new UpdateOptions().upsert(true));
  }

  @Override
  public void completed(TrainingCompleted c) {
    runs.updateOne(
        Filters.eq("_id", c.getRequestId()),
        Updates.combine(
            Updates.set("state", State.COMPLETED.name()),
            Updates.set("finishedAt", new Date()),
            Updates.set("artifactId", c.getArtifact().getId()),
            Updates.set("epochsRun", c.getEpochsRun()),
            Updates.set("bestEpoch", c.getBestEpoch()),
            Updates.set("bestValidationLoss", c.getBestValidationLoss()),
            Updates.set("device", c.getDevice()),
            Updates.set("trainingMs", c.getTrainingMs())));
  }

  @Override
  public void failed(String requestId, String reason) {
    runs.updateOne(
        Filters.eq("_id", requestId),
        Updates.combine(
            Updates.set("state", State.FAILED.name()),
            Updates.set("finishedAt", new Date()),
            Updates.set("reason", reason)));
  }
}
