package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.ColumnKind;
import io.trainyard.contracts.events.v1.ColumnSchema;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.DatasetSchema;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;

/** Chunks of a small data set: numeric a, categorical c (x, y, z), numeric b, label (no, yes). */
final class TestChunks {

  static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("toy").setVersion(2).setSpecHash("h").build();

  static final DatasetSchema SCHEMA =
      DatasetSchema.newBuilder()
          .addColumns(ColumnSchema.newBuilder().setName("a").setKind(ColumnKind.NUMERIC))
          .addColumns(
              ColumnSchema.newBuilder()
                  .setName("c")
                  .setKind(ColumnKind.CATEGORICAL)
                  .addCategories("x")
                  .addCategories("y")
                  .addCategories("z"))
          .addColumns(
              ColumnSchema.newBuilder()
                  .setName("label")
                  .setKind(ColumnKind.LABEL)
                  .addCategories("no")
                  .addCategories("yes"))
          .addColumns(ColumnSchema.newBuilder().setName("b").setKind(ColumnKind.NUMERIC))
          .setLabelColumn("label")
          .build();

  private TestChunks() {}

  record Row(long id, Split split, double a, String c, double b, String label) {}

  static RowChunk chunk(long index, Row... rows) {
    RowChunk.Builder out = RowChunk.newBuilder().setDataset(REF).setChunkIndex(index);
    NumericColumn.Builder a = NumericColumn.newBuilder().setName("a");
    NumericColumn.Builder b = NumericColumn.newBuilder().setName("b");
    StringColumn.Builder c = StringColumn.newBuilder().setName("c");
    for (Row r : rows) {
      out.addRowIds(r.id()).addSplits(r.split()).addLabels(r.label());
      a.addValues(r.a());
      b.addValues(r.b());
      c.addValues(r.c());
    }
    // b before a: columns are found by name.
    return out.addNumeric(b).addNumeric(a).addCategorical(c).build();
  }
}
