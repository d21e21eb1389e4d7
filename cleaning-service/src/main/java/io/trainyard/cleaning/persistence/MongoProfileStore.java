package io.trainyard.cleaning.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.cleaning.service.ProfileStore;
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Collection {@code profiles} of {@code trainyard_cleaning}: one document per data set version,
 * {@code _id = "<dataset_id>:<version>"}, written with an idempotent upsert.
 */
@ApplicationScoped
public class MongoProfileStore implements ProfileStore {

  private final MongoCollection<Document> profiles;

  public MongoProfileStore(MongoClient client, CleaningConfig config) {
    this.profiles = client.getDatabase(config.database()).getCollection("profiles");
  }

  static String id(DatasetRef ref) {
    return ref.getDatasetId() + ":" + ref.getVersion();
  }

  @Override
  public boolean exists(DatasetRef ref) {
    return profiles.find(Filters.eq("_id", id(ref))).limit(1).first() != null;
  }

  @Override
  public void save(DatasetProfiled p, long durationMillis) {
    DatasetRef ref = p.getDataset();
    Document doc =
        new Document("_id", id(ref))
            .append("datasetId", ref.getDatasetId())
            .append("version", ref.getVersion())
            .append("specHash", ref.getSpecHash())
            .append("eventId", p.getEventId())
            .append("rowsIn", p.getRowsIn())
            .append("rowsOut", p.getRowsOut())
            .append("rowsDropped", p.getRowsDropped())
            .append("duplicatesDropped", p.getDuplicatesDropped())
            .append(
                "splitCounts",
                new Document("train", p.getSplitCounts().getTrain())
                    .append("validation", p.getSplitCounts().getValidation())
                    .append("test", p.getSplitCounts().getTest()))
            .append("columns", p.getColumnsList().stream().map(MongoProfileStore::column).toList())
            .append("categoricalModes", new Document(p.getCategoricalModesMap()))
            .append("chunks", ranges(p.getChunksList()))
            .append("rawChunks", ranges(p.getRawChunksList()))
            .append("durationMillis", durationMillis)
            .append("profiledAt", new Date());
    profiles.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
  }

  private static Document column(ColumnProfile c) {
    return new Document("name", c.getName())
        .append("count", c.getCount())
        .append("missing", c.getMissing())
        .append("mean", c.getMean())
        .append("stddev", c.getStddev())
        .append("min", c.getMin())
        .append("max", c.getMax())
        .append("median", c.getMedian())
        .append("q1", c.getQ1())
        .append("q3", c.getQ3())
        .append("imputed", c.getImputed())
        .append("outliersClipped", c.getOutliersClipped())
        .append("outliersDropped", c.getOutliersDropped());
  }

  private static List<Document> ranges(List<OffsetRange> ranges) {
    return ranges.stream()
        .map(
            r ->
                new Document("topic", r.getTopic())
                    .append("partition", r.getPartition())
                    .append("fromOffset", r.getFromOffset())
                    .append("toOffset", r.getToOffset()))
        .toList();
  }
}
