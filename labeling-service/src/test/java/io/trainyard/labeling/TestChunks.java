package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.testsupport.ChunkBuilder;
import java.util.List;

/**
 * The small data set of the tests: numeric a, categorical c (x, y, z), label (no, yes), numeric b;
 * features a, b, c=x, c=y, c=z.
 */
public final class TestChunks {

  public static final DatasetRef REF = ref("toy", 2);

  public static final DatasetSchema SCHEMA = schema(true);

  private TestChunks() {}

  /** A row; a null label leaves it out (the chunks of a data set without a label column). */
  public record Row(long id, Split split, double a, String c, double b, String label) {}

  public static DatasetRef ref(String datasetId, int version) {
    return DatasetRef.newBuilder()
        .setDatasetId(datasetId)
        .setVersion(version)
        .setSpecHash("h")
        .build();
  }

  /** The schema, with or without the label column (labels from a rule). */
  public static DatasetSchema schema(boolean withLabel) {
    DatasetSchema.Builder b = DatasetSchema.newBuilder();
    b.addColumnsBuilder().setName("a").setKind(ColumnKind.NUMERIC);
    b.addColumnsBuilder()
        .setName("c")
        .setKind(ColumnKind.CATEGORICAL)
        .addAllCategories(List.of("x", "y", "z"));
    if (withLabel) {
      b.addColumnsBuilder()
          .setName("label")
          .setKind(ColumnKind.LABEL)
          .addAllCategories(List.of("no", "yes"));
      b.setLabelColumn("label");
    }
    b.addColumnsBuilder().setName("b").setKind(ColumnKind.NUMERIC);
    return b.build();
  }

  /** Chunk {@code index} of {@link #REF}. */
  public static RowChunk chunk(long index, Row... rows) {
    return chunk(REF, index, List.of(rows));
  }

  /** The rows as a chunk ({@link ChunkBuilder}): ids listed, numbers as doubles, b before a. */
  public static RowChunk chunk(DatasetRef ref, long index, List<Row> rows) {
    // b before a: columns are found by name.
    ChunkBuilder chunk =
        ChunkBuilder.chunk(ref, index)
            .ids(rows.stream().mapToLong(Row::id).toArray())
            .splits(rows.stream().map(Row::split).toArray(Split[]::new))
            .doubles("b", rows.stream().mapToDouble(Row::b).toArray())
            .doubles("a", rows.stream().mapToDouble(Row::a).toArray())
            .categorical("c", rows.stream().map(Row::c).toArray(String[]::new));
    if (!rows.isEmpty() && rows.get(0).label() != null) {
      chunk.labels(rows.stream().map(Row::label).toArray(String[]::new));
    }
    return chunk.build();
  }
}
