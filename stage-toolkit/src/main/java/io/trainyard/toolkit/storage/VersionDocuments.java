package io.trainyard.toolkit.storage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.OffsetRange;
import java.util.List;
import org.bson.Document;

/**
 * What a stage stores once per data set version (a profile, a prepared data set): one document per
 * version, {@code _id = "<dataset_id>:<version>"}, replaced whole by an idempotent upsert, with
 * offset ranges stored as plain sub-documents.
 */
public final class VersionDocuments {

  private VersionDocuments() {}

  /** The version's key, {@code "<dataset_id>:<version>"}: the documents' {@code _id}. */
  public static String key(DatasetRef ref) {
    return ref.getDatasetId() + ":" + ref.getVersion();
  }

  /** A new document for the version: its key and the reference's fields. */
  public static Document of(DatasetRef ref) {
    return new Document("_id", key(ref))
        .append("datasetId", ref.getDatasetId())
        .append("version", ref.getVersion())
        .append("specHash", ref.getSpecHash());
  }

  /** Whether {@code collection} holds the version's document. */
  public static boolean exists(MongoCollection<Document> collection, DatasetRef ref) {
    return collection.find(Filters.eq("_id", key(ref))).limit(1).first() != null;
  }

  /** Writes {@code doc} (made by {@link #of}) over whatever the version had. */
  public static void upsert(MongoCollection<Document> collection, Document doc) {
    collection.replaceOne(
        Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
  }

  /** Offset ranges as sub-documents: topic, partition, fromOffset, toOffset. */
  public static List<Document> ranges(List<OffsetRange> ranges) {
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
