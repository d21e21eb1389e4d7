package io.trainyard.labeling.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.trainyard.contracts.events.v1.DatasetPrepared;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import io.trainyard.contracts.events.v1.SplitBatches;
import io.trainyard.labeling.config.LabelingConfig;
import io.trainyard.labeling.service.PreparedStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.List;
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

  static String id(DatasetRef ref) {
    return ref.getDatasetId() + ":" + ref.getVersion();
  }

  @Override
  public boolean exists(DatasetRef ref) {
    return prepared.find(Filters.eq("_id", id(ref))).limit(1).first() != null;
  }

  @Override
  public void save(DatasetPrepared p, long unlabeled, long durationMillis) {
    DatasetRef ref = p.getDataset();
    Document doc =
        new Document("_id", id(ref))
            .append("datasetId", ref.getDatasetId())
            .append("version", ref.getVersion())
            .append("specHash", ref.getSpecHash())
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
    prepared.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
  }

  private static Document split(SplitBatches s) {
    return new Document("rows", s.getRows())
        .append("batches", s.getBatches())
        .append("ranges", ranges(s.getRangesList()));
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
