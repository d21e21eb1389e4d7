package io.trainyard.ml.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.trainyard.contracts.events.v1.ArtifactRef;
import io.trainyard.devstack.Stacks;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the devstack's MongoDB-wire store. */
class GridFsArtifactStoreTest {

  private static MongoClient client;

  @BeforeAll
  static void connect() {
    client = MongoClients.create(Stacks.forTests().mongoUri());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void storesOnceByContentHashAndReadsBackTheSameBytes() {
    byte[] bytes = new byte[600_000]; // more than two 255 KiB GridFS chunks
    new Random(1).nextBytes(bytes);
    GridFsArtifactStore store = new GridFsArtifactStore(client);

    ArtifactRef first = store.put(bytes, ModelArtifact.FORMAT);
    ArtifactRef second = store.put(bytes.clone(), ModelArtifact.FORMAT);

    assertThat(first.getId()).isEqualTo(ContentHash.sha256(bytes)).isEqualTo(first.getSha256());
    assertThat(first.getSizeBytes()).isEqualTo(600_000);
    assertThat(first.getFormat()).isEqualTo(ModelArtifact.FORMAT);
    assertThat(second).isEqualTo(first);
    List<Document> files =
        client
            .getDatabase(GridFsArtifactStore.DATABASE)
            .getCollection(GridFsArtifactStore.BUCKET + ".files")
            .find(Filters.eq("_id", first.getId()))
            .into(new java.util.ArrayList<>());
    assertThat(files).hasSize(1);
    assertThat(files.get(0).get("metadata", Document.class).getString("sha256"))
        .isEqualTo(first.getSha256());

    assertThat(store.get(first.getId())).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(store.require(first.getId())).isEqualTo(bytes);
  }

  @Test
  void unknownIdsAreEmpty() {
    assertThat(new GridFsArtifactStore(client).get("0".repeat(64))).isEmpty();
  }
}
