package io.trainyard.cleaning;

import static java.util.stream.Collectors.joining;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.testsupport.ChunkBuilder;
import java.util.Arrays;

/** Builds small raw chunks of the test data sets: numeric x and y, categorical color, label. */
final class Chunks {

  static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("toy").setVersion(1).setSpecHash("h").build();

  static final DatasetSchema SCHEMA =
      DatasetSchema.newBuilder()
          .addColumns(col("x", ColumnKind.NUMERIC))
          .addColumns(col("color", ColumnKind.CATEGORICAL))
          .addColumns(col("y", ColumnKind.NUMERIC))
          .addColumns(col("label", ColumnKind.LABEL))
          .setLabelColumn("label")
          .build();

  private Chunks() {}

  private static ColumnSchema col(String name, ColumnKind kind) {
    return ColumnSchema.newBuilder().setName(name).setKind(kind).build();
  }

  /** One row: id, split (T/V/E, as {@link ChunkBuilder#splits(String)}), x, color, y, label. */
  record Row(long id, char split, double x, String color, double y, String label) {}

  static Row row(long id, char split, double x, String color, double y, String label) {
    return new Row(id, split, x, color, y, label);
  }

  /** The rows as a raw chunk ({@link ChunkBuilder}): ids listed, y before x. */
  static RowChunk chunk(long index, Row... rows) {
    // y before x: the cleaner finds columns by name, not position.
    return ChunkBuilder.chunk(REF, index)
        .eventId("raw-" + index)
        .ids(Arrays.stream(rows).mapToLong(Row::id).toArray())
        .splits(Arrays.stream(rows).map(r -> String.valueOf(r.split())).collect(joining()))
        .doubles("y", Arrays.stream(rows).mapToDouble(Row::y).toArray())
        .doubles("x", Arrays.stream(rows).mapToDouble(Row::x).toArray())
        .categorical("color", Arrays.stream(rows).map(Row::color).toArray(String[]::new))
        .labels(Arrays.stream(rows).map(Row::label).toArray(String[]::new))
        .build();
  }

  static double[] values(RowChunk chunk, String name) {
    NumericColumn c =
        chunk.getNumericList().stream()
            .filter(n -> n.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return io.trainyard.toolkit.wire.Decimals.values(c);
  }

  static String[] strings(RowChunk chunk, String name) {
    StringColumn c =
        chunk.getCategoricalList().stream()
            .filter(n -> n.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return c.getValuesList().toArray(String[]::new);
  }
}
