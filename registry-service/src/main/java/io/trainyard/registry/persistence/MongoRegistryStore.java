package io.trainyard.registry.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import io.trainyard.registry.ModelRecord;
import io.trainyard.registry.RegistryStore;
import io.trainyard.registry.VersionRecord;
import io.trainyard.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link RegistryStore} on MongoDB ({@code trainyard_registry}).
 *
 * <ul>
 *   <li>{@code models}: one document per model, {@code _id} the model id; {@code nextVersion} is
 *       the allocation counter ({@code $inc} in one findOneAndUpdate), {@code latestVersion},
 *       {@code versionCount} and {@code aliases} are moved forward with {@code $max} once a version
 *       is stored, so repeating that step changes nothing.
 *   <li>{@code versions}: one document per version, {@code _id} "{model}/{version}", with unique
 *       indexes on {@code requestId} (one version per training request) and on {@code (model,
 *       version)}.
 * </ul>
 */
@ApplicationScoped
public class MongoRegistryStore implements RegistryStore {

  static final String MODELS = "models";
  static final String VERSIONS = "versions";

  private final MongoCollection<Document> models;
  private final MongoCollection<Document> versions;

  public MongoRegistryStore(MongoClient client, RegistryConfig config) {
    MongoDatabase db = client.getDatabase(config.database());
    this.models = db.getCollection(MODELS);
    this.versions = db.getCollection(VERSIONS);
  }

  void createIndexes(@Observes StartupEvent event) {
    versions.createIndex(
        Indexes.ascending("requestId"), new IndexOptions().unique(true).name("requestId_unique"));
    versions.createIndex(
        Indexes.ascending("model", "version"),
        new IndexOptions().unique(true).name("model_version_unique"));
  }

  @Override
  public Optional<VersionRecord> findByRequestId(String requestId) {
    return Optional.ofNullable(versions.find(Filters.eq("requestId", requestId)).first())
        .map(MongoRegistryStore::toVersion);
  }

  @Override
  public VersionRecord register(VersionRecord draft) {
    Date now = Date.from(draft.createTime() == null ? Instant.now() : draft.createTime());
    Document model =
        models.findOneAndUpdate(
            Filters.eq("_id", draft.model()),
            Updates.combine(
                Updates.inc("nextVersion", 1L),
                Updates.setOnInsert("createTime", now),
                Updates.set("updateTime", now)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    long number = asLong(model.get("nextVersion"));
    VersionRecord version = draft.withVersion(number);
    try {
      versions.insertOne(toDocument(version));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
          && findByRequestId(draft.requestId()).isPresent()) {
        throw new DuplicateRequestException(draft.requestId());
      }
      throw e;
    }
    return version;
  }

  @Override
  public void completeRegistration(VersionRecord version) {
    long count = versions.countDocuments(Filters.eq("model", version.model()));
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.max("latestVersion", version.version()));
    updates.add(Updates.max("versionCount", count));
    updates.add(Updates.set("updateTime", new Date()));
    if (version.blessed()) {
      updates.add(Updates.max("aliases.blessed", version.version()));
    }
    models.updateOne(Filters.eq("_id", version.model()), Updates.combine(updates));
  }

  @Override
  public void markPublished(String model, long version) {
    versions.updateOne(Filters.eq("_id", id(model, version)), Updates.set("published", true));
  }

  @Override
  public Optional<ModelRecord> findModel(String model) {
    return Optional.ofNullable(
            models
                .find(Filters.and(Filters.eq("_id", model), Filters.gt("latestVersion", 0L)))
                .first())
        .map(MongoRegistryStore::toModel);
  }

  @Override
  public List<ModelRecord> listModels(String afterName, int limit) {
    Bson filter =
        afterName == null
            ? Filters.gt("latestVersion", 0L)
            : Filters.and(Filters.gt("_id", afterName), Filters.gt("latestVersion", 0L));
    List<ModelRecord> out = new ArrayList<>();
    models.find(filter).sort(Sorts.ascending("_id")).limit(limit).forEach(d -> out.add(toModel(d)));
    return out;
  }

  @Override
  public Optional<VersionRecord> findVersion(String model, long version) {
    return Optional.ofNullable(versions.find(Filters.eq("_id", id(model, version))).first())
        .map(MongoRegistryStore::toVersion);
  }

  @Override
  public List<VersionRecord> listVersions(String model, long afterVersion, int limit) {
    List<VersionRecord> out = new ArrayList<>();
    versions
        .find(Filters.and(Filters.eq("model", model), Filters.gt("version", afterVersion)))
        .sort(Sorts.ascending("version"))
        .limit(limit)
        .forEach(d -> out.add(toVersion(d)));
    return out;
  }

  static String id(String model, long version) {
    return model + "/" + version;
  }

  static Document toDocument(VersionRecord v) {
    Document doc =
        new Document("_id", id(v.model(), v.version()))
            .append("model", v.model())
            .append("version", v.version())
            .append("requestId", v.requestId())
            .append("evaluationEventId", v.evaluationEventId())
            .append("registeredEventId", v.registeredEventId())
            .append("published", v.published())
            .append("metrics", new Document(new LinkedHashMap<String, Object>(v.metrics())))
            .append("classes", v.classes())
            .append("confusionMatrix", v.confusionMatrix())
            .append("blessed", v.blessed())
            .append("family", v.family())
            .append("device", v.device())
            .append("epochsRun", v.epochsRun())
            .append("createTime", v.createTime() == null ? new Date() : Date.from(v.createTime()));
    if (v.lineage() != null) {
      doc.append(
          "lineage",
          new Document("datasetId", v.lineage().datasetId())
              .append("datasetVersion", v.lineage().datasetVersion())
              .append("specHash", v.lineage().specHash())
              .append("trainingRequestId", v.lineage().trainingRequestId()));
    }
    if (v.artifact() != null) {
      doc.append(
          "artifact",
          new Document("id", v.artifact().id())
              .append("sha256", v.artifact().sha256())
              .append("sizeBytes", v.artifact().sizeBytes())
              .append("format", v.artifact().format()));
    }
    return doc;
  }

  static VersionRecord toVersion(Document d) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Document m = d.get("metrics", Document.class);
    if (m != null) {
      m.forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
    }
    Document l = d.get("lineage", Document.class);
    Document a = d.get("artifact", Document.class);
    List<Long> counts = new ArrayList<>();
    List<?> rawCounts = d.get("confusionMatrix", List.class);
    if (rawCounts != null) {
      rawCounts.forEach(c -> counts.add(asLong(c)));
    }
    List<String> classes = new ArrayList<>();
    List<?> rawClasses = d.get("classes", List.class);
    if (rawClasses != null) {
      rawClasses.forEach(c -> classes.add(String.valueOf(c)));
    }
    return new VersionRecord(
        d.getString("model"),
        asLong(d.get("version")),
        d.getString("requestId"),
        d.getString("evaluationEventId"),
        d.getString("registeredEventId"),
        Boolean.TRUE.equals(d.getBoolean("published")),
        metrics,
        l == null
            ? null
            : new VersionRecord.Lineage(
                l.getString("datasetId"),
                (int) asLong(l.get("datasetVersion")),
                l.getString("specHash"),
                l.getString("trainingRequestId")),
        a == null
            ? null
            : new VersionRecord.Artifact(
                a.getString("id"),
                a.getString("sha256"),
                asLong(a.get("sizeBytes")),
                a.getString("format")),
        classes,
        counts,
        Boolean.TRUE.equals(d.getBoolean("blessed")),
        d.getString("family"),
        d.getString("device"),
        (int) asLong(d.get("epochsRun")),
        toInstant(d.getDate("createTime")));
  }

  static ModelRecord toModel(Document d) {
    Map<String, Long> aliases = new LinkedHashMap<>();
    Document a = d.get("aliases", Document.class);
    if (a != null) {
      a.forEach((k, v) -> aliases.put(k, asLong(v)));
    }
    return new ModelRecord(
        d.getString("_id"),
        asLong(d.get("latestVersion")),
        asLong(d.get("versionCount")),
        aliases,
        toInstant(d.getDate("createTime")),
        toInstant(d.getDate("updateTime")));
  }

  private static long asLong(Object value) {
    return value instanceof Number n ? n.longValue() : 0L;
  }

  private static Instant toInstant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
