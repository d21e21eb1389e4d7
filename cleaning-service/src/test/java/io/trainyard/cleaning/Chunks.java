package io.trainyard.cleaning;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;

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

  /** One row: id, split (T/V/E), x, color, y, label. */
  record Row(long id, char split, double x, String color, double y, String label) {}

  static Row row(long id, char split, double x, String color, double y, String label) {
    return new Row(id, split, x, color, y, label);
  }

  static RowChunk chunk(long index, Row... rows) {
    RowChunk.Builder b =
        RowChunk.newBuilder().setEventId("raw-" + index).setDataset(REF).setChunkIndex(index);
    NumericColumn.Builder x = NumericColumn.newBuilder().setName("x");
    NumericColumn.Builder y = NumericColumn.newBuilder().setName("y");
    StringColumn.Builder color = StringColumn.newBuilder().setName("color");
    for (Row r : rows) {
      b.addRowIds(r.id())
          .addSplits(
              switch (r.split()) {
                case 'T' -> Split.TRAIN;
                case 'V' -> Split.VALIDATION;
                default -> Split.TEST;
              })
          .addLabels(r.label());
      x.addValues(r.x());
      y.addValues(r.y());
      color.addValues(r.color());
    }
    // y before x: the cleaner finds columns by name, not position.
    return b.addNumeric(y).addNumeric(x).addCategorical(color).build();
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
