package io.trainyard.ingest.api;

import io.trainyard.ingest.versions.DatasetRecord;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a data set version, as {@code POST /datasets} (201) and both GETs return it.
 *
 * @param schema the columns in file order, each {@code {name, kind}} with kind NUMERIC, CATEGORICAL
 *     or LABEL
 * @param state OPEN, SEALED or FAILED
 */
public record DatasetView(
    String datasetId,
    int version,
    long rows,
    Splits splits,
    Map<String, Long> labelCounts,
    List<Column> schema,
    String state,
    String specHash) {

  public record Splits(long train, long validation, long test) {}

  public record Column(String name, String kind) {}

  static DatasetView of(DatasetRecord r) {
    return new DatasetView(
        r.datasetId(),
        r.version(),
        r.rows(),
        new Splits(r.splits().train(), r.splits().validation(), r.splits().test()),
        r.labelCounts(),
        r.schema().stream().map(c -> new Column(c.name(), c.kind())).toList(),
        r.state().name(),
        r.specHash());
  }
}
