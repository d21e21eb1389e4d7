package io.trainyard.evaluator.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.ModelEvaluated;
import io.trainyard.evaluator.ExperimentStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Collection {@code experiments}: one document per training request ({@code _id} = request_id) with
 * the data set version it trains on ({@code datasetKey} = {@code <id>@<version>}, indexed), the
 * model name, the state and, once evaluated, the metrics, blessing and artifact id. Single-document
 * updates only. One DatasetPrepared is handled by one consumer at a time (its key pins it to one
 * partition), so looking up the data set's experiment before creating one is enough. The index on
 * {@code datasetKey} is not unique because results of requests made elsewhere (a TrainingRequested
 * published by hand, for a version that has an experiment already) are recorded too.
 */
public final class MongoExperimentStore implements ExperimentStore {

  public static final String COLLECTION = "experiments";

  private final MongoCollection<Document> experiments;

  public MongoExperimentStore(MongoDatabase database) {
    this.experiments = database.getCollection(COLLECTION);
    experiments.createIndex(Indexes.ascending("datasetKey"), new IndexOptions().name("datasetKey"));
  }

  @Override
  public Optional<Experiment> findByDataset(DatasetRef dataset) {
    return Optional.ofNullable(
            experiments
                .find(Filters.eq("datasetKey", ExperimentStore.key(dataset)))
                .sort(Sorts.ascending("createdAt"))
                .first())
        .map(MongoExperimentStore::experiment);
  }

  @Override
  public Optional<Experiment> find(String requestId) {
    return Optional.ofNullable(experiments.find(Filters.eq("_id", requestId)).first())
        .map(MongoExperimentStore::experiment);
  }

  @Override
  public void create(String requestId, DatasetRef dataset, String modelName) {
    Date now = new Date();
    experiments.insertOne(
        new Document("_id", requestId)
            .append("datasetKey", ExperimentStore.key(dataset))
            .append("datasetId", dataset.getDatasetId())
            .append("datasetVersion", dataset.getVersion())
            .append("specHash", dataset.getSpecHash())
            .append("modelName", modelName)
            .append("state", State.PENDING.name())
            .append("createdAt", now)
            .append("updatedAt", now));
  }

  @Override
  public void requested(String requestId) {
    experiments.updateOne(
        Filters.eq("_id", requestId),
        Updates.combine(
            Updates.set("state", State.REQUESTED.name()),
            Updates.set("requestedAt", new Date()),
            Updates.set("updatedAt", new Date())));
  }

  @Override
  public void evaluated(ModelEvaluated e) {
    Document metrics = new Document();
    e.getMetricsMap().forEach(metrics::append);
    List<Bson> updates = new ArrayList<>(identity(e.getDataset(), e.getModelName()));
    updates.add(Updates.set("state", State.EVALUATED.name()));
    updates.add(Updates.set("metrics", metrics));
    updates.add(Updates.set("blessed", e.getBlessed()));
    updates.add(Updates.set("artifactId", e.getArtifact().getId()));
    updates.add(Updates.set("confusionMatrix", e.getConfusionMatrix().getCountsList()));
    updates.add(Updates.set("evaluatedAt", new Date()));
    updates.add(Updates.set("updatedAt", new Date()));
    updates.add(Updates.unset("reason"));
    experiments.updateOne(
        Filters.eq("_id", e.getRequestId()),
        Updates.combine(updates),
        new UpdateOptions().upsert(true));
  }

  @Override
  public void failed(
      String requestId, DatasetRef dataset, String modelName, State state, String reason) {
    List<Bson> updates = new ArrayList<>(identity(dataset, modelName));
    updates.add(Updates.set("state", state.name()));
    updates.add(Updates.set("reason", reason));
    updates.add(Updates.set("updatedAt", new Date()));
    experiments.updateOne(
        Filters.eq("_id", requestId), Updates.combine(updates), new UpdateOptions().upsert(true));
  }

  /** Fields an experiment learned of from a result event gets, when it did not exist yet. */
  private static List<Bson> identity(DatasetRef dataset, String modelName) {
    return List.of(
        Updates.setOnInsert("datasetKey", ExperimentStore.key(dataset)),
        Updates.setOnInsert("datasetId", dataset.getDatasetId()),
        Updates.setOnInsert("datasetVersion", dataset.getVersion()),
        Updates.setOnInsert("specHash", dataset.getSpecHash()),
        Updates.setOnInsert("modelName", modelName),
        Updates.setOnInsert("createdAt", new Date()));
  }

  private static Experiment experiment(Document d) {
    return new Experiment(
        d.getString("_id"),
        d.getString("datasetKey"),
        d.getString("modelName"),
        State.valueOf(d.getString("state")));
  }
}
