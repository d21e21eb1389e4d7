package io.trainyard.toolkit.storage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import org.bson.Document;

/**
 * Remembers which events a stage has fully processed, so a replayed event changes nothing twice.
 * One document per event id ({@code _id}), written after the work is done; the check before the
 * work makes redelivery after a crash redo the work once, never twice after success.
 */
public final class ProcessedEvents {

  private final MongoCollection<Document> events;

  public ProcessedEvents(MongoDatabase database) {
    this.events = database.getCollection("processed_events");
  }

  /** True when {@code eventId} was recorded as processed. */
  public boolean seen(String eventId) {
    return events.find(Filters.eq("_id", eventId)).limit(1).first() != null;
  }

  /** Records {@code eventId} as processed (idempotent). */
  public void record(String eventId, String type, String subject) {
    events.replaceOne(
        Filters.eq("_id", eventId),
        new Document("_id", eventId)
            .append("type", type)
            .append("subject", subject)
            .append("processedAt", new Date()),
        new ReplaceOptions().upsert(true));
  }
}
