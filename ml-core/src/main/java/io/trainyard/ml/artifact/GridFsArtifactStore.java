package io.trainyard.ml.artifact;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import io.trainyard.contracts.events.v1.ArtifactRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.bson.BsonString;
import org.bson.Document;

/**
 * Artifacts in GridFS: bucket {@value #BUCKET} of database {@value #DATABASE}. The GridFS file id
 * is the SHA-256 of the bytes (a string), so the files collection's unique {@code _id} makes every
 * artifact write-once, even when two writers race.
 */
public final class GridFsArtifactStore implements ArtifactStore {

  public static final String DATABASE = "trainyard_artifacts";
  public static final String BUCKET = "artifacts";

  private final GridFSBucket bucket;

  public GridFsArtifactStore(MongoClient client) {
    this.bucket = GridFSBuckets.create(client.getDatabase(DATABASE), BUCKET);
  }

  @Override
  public ArtifactRef put(byte[] bytes, String format) {
    String sha = ContentHash.sha256(bytes);
    ArtifactRef ref =
        ArtifactRef.newBuilder()
            .setId(sha)
            .setSha256(sha)
            .setSizeBytes(bytes.length)
            .setFormat(format)
            .build();
    if (find(sha) != null) {
      return ref;
    }
    GridFSUploadOptions options =
        new GridFSUploadOptions().metadata(new Document("sha256", sha).append("format", format));
    try {
      bucket.uploadFromStream(
          new BsonString(sha), sha + ".zip", new ByteArrayInputStream(bytes), options);
    } catch (MongoWriteException e) {
      // Another writer stored the same bytes first: content addressing makes that the same
      // artifact.
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || find(sha) == null) {
        throw e;
      }
    }
    return ref;
  }

  @Override
  public Optional<byte[]> get(String id) {
    if (find(id) == null) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      bucket.downloadToStream(new BsonString(id), out);
    } catch (MongoException e) {
      throw new IllegalStateException("cannot read artifact " + id + ": " + e.getMessage(), e);
    }
    byte[] bytes = out.toByteArray();
    String sha = ContentHash.sha256(bytes);
    if (!sha.equals(id)) {
      throw new IllegalStateException("artifact " + id + " is corrupt: its bytes hash to " + sha);
    }
    return Optional.of(bytes);
  }

  private GridFSFile find(String id) {
    return bucket.find(Filters.eq("_id", new BsonString(id))).first();
  }
}
