package io.trainyard.ingest.versions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a data set as ingest keeps it: what was uploaded, what the scan found and where
 * the chunks are. Stored by the persistence layer, shown by the REST API; never sent on Kafka (the
 * events are built from it explicitly).
 *
 * @param state OPEN while chunks are being published, SEALED once DatasetSealed is out, FAILED when
 *     publishing failed (the chunks already out are then never sealed)
 * @param labelCounts rows per class, sorted by class; unlabeled rows are not counted
 * @param error why publishing failed (FAILED only), else null
 */
public record DatasetRecord(
    String datasetId,
    int version,
    String specHash,
    String specJson,
    State state,
    String source,
    List<Column> schema,
    String labelColumn,
    long rows,
    long unlabeled,
    Splits splits,
    Map<String, Long> labelCounts,
    long chunks,
    List<Range> ranges,
    Instant openedAt,
    Instant sealedAt,
    String error) {

  public enum State {
    OPEN,
    SEALED,
    FAILED
  }

  /** A column of the inferred schema: kind NUMERIC, CATEGORICAL or LABEL. */
  public record Column(String name, String kind, List<String> categories) {}

  /** Rows per split. */
  public record Splits(long train, long validation, long test) {}

  /** A half-open offset range [from, to) of one partition of the chunk topic. */
  public record Range(String topic, int partition, long from, long to) {}

  public DatasetRecord sealed(long chunks, List<Range> ranges, Instant sealedAt) {
    return new DatasetRecord(
        datasetId,
        version,
        specHash,
        specJson,
        State.SEALED,
        source,
        schema,
        labelColumn,
        rows,
        unlabeled,
        splits,
        labelCounts,
        chunks,
        ranges,
        openedAt,
        sealedAt,
        null);
  }

  public DatasetRecord failed(String why) {
    return new DatasetRecord(
        datasetId,
        version,
        specHash,
        specJson,
        State.FAILED,
        source,
        schema,
        labelColumn,
        rows,
        unlabeled,
        splits,
        labelCounts,
        chunks,
        ranges,
        openedAt,
        sealedAt,
        why);
  }
}
