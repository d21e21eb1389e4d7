package io.trainyard.ingest.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.trainyard.ingest.config.IngestConfig;
import io.trainyard.ingest.versions.DatasetRecord;
import io.trainyard.ingest.versions.DatasetRepository;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Data set versions in MongoDB ({@code trainyard_ingest}): collection {@code datasets}, one
 * document per version ({@code _id} = {@code "<datasetId>:<version>"}, unique index on datasetId +
 * version), and collection {@code dataset_counters}, one document per data set id whose {@code
 * version} field is incremented atomically to allocate versions. Label counts are stored as a list
 * of {label, count} pairs, since labels are free text and may not be valid field names.
 */
@ApplicationScoped
public class MongoDatasetRepository implements DatasetRepository {

  private final MongoCollection<Document> datasets;
  private final MongoCollection<Document> counters;

  public MongoDatasetRepository(MongoClient client, IngestConfig config) {
    MongoDatabase db = client.getDatabase(config.database());
    this.datasets = db.getCollection("datasets");
    this.counters = db.getCollection("dataset_counters");
    datasets.createIndex(
        Indexes.ascending("datasetId", "version"), new IndexOptions().unique(true));
  }

  @Override
  public int nextVersion(String datasetId) {
    Document counter =
        counters.findOneAndUpdate(
            new Document("_id", datasetId),
            Updates.inc("version", 1),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    return counter.getInteger("version");
  }

  @Override
  public void insert(DatasetRecord record) {
    datasets.insertOne(toDocument(record));
  }

  @Override
  public void update(DatasetRecord record) {
    datasets.replaceOne(id(record.datasetId(), record.version()), toDocument(record));
  }

  @Override
  public Optional<DatasetRecord> find(String datasetId, int version) {
    return Optional.ofNullable(datasets.find(id(datasetId, version)).first())
        .map(MongoDatasetRepository::fromDocument);
  }

  @Override
  public Optional<DatasetRecord> latest(String datasetId) {
    return Optional.ofNullable(
            datasets
                .find(new Document("datasetId", datasetId))
                .sort(Sorts.descending("version"))
                .limit(1)
                .first())
        .map(MongoDatasetRepository::fromDocument);
  }

  private static Bson id(String datasetId, int version) {
    return new Document("_id", datasetId + ":" + version);
  }

  static Document toDocument(DatasetRecord r) {
    List<Document> schema = new ArrayList<>();
    for (DatasetRecord.Column c : r.schema()) {
      schema.add(
          new Document("name", c.name())
              .append("kind", c.kind())
              .append("categories", c.categories()));
    }
    List<Document> labelCounts = new ArrayList<>();
    r.labelCounts().forEach((k, v) -> labelCounts.add(new Document("label", k).append("count", v)));
    List<Document> ranges = new ArrayList<>();
    for (DatasetRecord.Range g : r.ranges()) {
      ranges.add(
          new Document("topic", g.topic())
              .append("partition", g.partition())
              .append("from", g.from())
              .append("to", g.to()));
    }
    return new Document("_id", r.datasetId() + ":" + r.version())
        .append("datasetId", r.datasetId())
        .append("version", r.version())
        .append("state", r.state().name())
        .append("specHash", r.specHash())
        .append("spec", r.specJson())
        .append("source", r.source())
        .append("schema", schema)
        .append("labelColumn", r.labelColumn())
        .append("rows", r.rows())
        .append("unlabeled", r.unlabeled())
        .append(
            "splits",
            new Document("train", r.splits().train())
                .append("validation", r.splits().validation())
                .append("test", r.splits().test()))
        .append("labelCounts", labelCounts)
        .append("chunks", r.chunks())
        .append("ranges", ranges)
        .append("openedAt", date(r.openedAt()))
        .append("sealedAt", date(r.sealedAt()))
        .append("error", r.error());
  }

  static DatasetRecord fromDocument(Document d) {
    List<DatasetRecord.Column> schema = new ArrayList<>();
    for (Document c : d.getList("schema", Document.class, List.of())) {
      schema.add(
          new DatasetRecord.Column(
              c.getString("name"),
              c.getString("kind"),
              List.copyOf(c.getList("categories", String.class, List.of()))));
    }
    Map<String, Long> labelCounts = new LinkedHashMap<>();
    for (Document lc : d.getList("labelCounts", Document.class, List.of())) {
      labelCounts.put(lc.getString("label"), number(lc, "count"));
    }
    List<DatasetRecord.Range> ranges = new ArrayList<>();
    for (Document g : d.getList("ranges", Document.class, List.of())) {
      ranges.add(
          new DatasetRecord.Range(
              g.getString("topic"),
              (int) number(g, "partition"),
              number(g, "from"),
              number(g, "to")));
    }
    Document splits = d.get("splits", Document.class);
    return new DatasetRecord(
        d.getString("datasetId"),
        (int) number(d, "version"),
        d.getString("specHash"),
        d.getString("spec"),
        DatasetRecord.State.valueOf(d.getString("state")),
        d.getString("source"),
        schema,
        d.getString("labelColumn"),
        number(d, "rows"),
        number(d, "unlabeled"),
        new DatasetRecord.Splits(
            number(splits, "train"), number(splits, "validation"), number(splits, "test")),
        labelCounts,
        number(d, "chunks"),
        ranges,
        instant(d.getDate("openedAt")),
        instant(d.getDate("sealedAt")),
        d.getString("error"));
  }

  private static long number(Document d, String key) {
    Object v = d.get(key);
    return v instanceof Number n ? n.longValue() : 0L;
  }

  private static Date date(Instant t) {
    return t == null ? null : Date.from(t);
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
