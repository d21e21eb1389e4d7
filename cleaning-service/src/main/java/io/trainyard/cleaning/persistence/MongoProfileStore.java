package io.trainyard.cleaning.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.trainyard.cleaning.config.CleaningConfig;
import io.trainyard.cleaning.service.ProfileStore;
import io.trainyard.contracts.events.v1.ColumnProfile;
import io.trainyard.contracts.events.v1.DatasetProfiled;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.toolkit.storage.VersionDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
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

  @Override
  public boolean exists(DatasetRef ref) {
    return VersionDocuments.exists(profiles, ref);
  }

  @Override
  public void save(DatasetProfiled p, long durationMillis) {
    DatasetRef ref = p.getDataset();
    Document doc =
        VersionDocuments.of(ref)
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
            .append("chunks", VersionDocuments.ranges(p.getChunksList()))
            .append("rawChunks", VersionDocuments.ranges(p.getRawChunksList()))
            .append("durationMillis", durationMillis)
            .append("profiledAt", new Date());
    VersionDocuments.upsert(profiles, doc);
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
}
