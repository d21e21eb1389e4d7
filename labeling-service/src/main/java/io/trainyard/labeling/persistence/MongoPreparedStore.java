package io.trainyard.labeling.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.labeling.service.PreparedStore;
import io.trainyard.toolkit.storage.VersionDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import org.bson.Document;

/**
 * Collection {@code prepared} of {@code trainyard_labeling}: one document per data set version,
 * {@code _id = "<dataset_id>:<version>"}, written with an idempotent upsert.
 */
@ApplicationScoped
public class MongoPreparedStore implements PreparedStore {

  private final MongoCollection<Document> prepared;

  public MongoPreparedStore(MongoClient client, LabelingConfig config) {
    this.prepared = client.getDatabase(config.database()).getCollection("prepared");
  }

  @Override
  public boolean exists(DatasetRef ref) {
    return VersionDocuments.exists(prepared, ref);
  }

  @Override
  public void save(DatasetPrepared p, long unlabeled, long durationMillis) {
    DatasetRef ref = p.getDataset();
    Document doc =
        VersionDocuments.of(ref)
            .append("eventId", p.getEventId())
            .append("featureNames", p.getFeatureNamesList())
            .append("classes", p.getClassesList())
            .append("batchSize", p.getBatchSize())
            .append("train", split(p.getTrain()))
            .append("validation", split(p.getValidation()))
            .append("test", split(p.getTest()))
            .append("classCounts", new Document(p.getClassCountsMap()))
            .append("labeledByRule", p.getLabeledByRule())
            .append("unlabeled", unlabeled)
            .append("durationMillis", durationMillis)
            .append("preparedAt", new Date());
    VersionDocuments.upsert(prepared, doc);
  }

  private static Document split(SplitBatches s) {
    return new Document("rows", s.getRows())
        .append("batches", s.getBatches())
        .append("ranges", VersionDocuments.ranges(s.getRangesList()));
  }
}
