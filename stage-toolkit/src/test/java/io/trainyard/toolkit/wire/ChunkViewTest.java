package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link ChunkView} reads what the generated parser reads. */
class ChunkViewTest {

  record Row(long id, char split, double x, String color, double y, String label) {}

  static Row row(long id, char split, double x, String color, double y, String label) {
    return new Row(id, split, x, color, y, label);
  }

  /** A chunk of numeric x and y (y first), categorical color and a label. */
  static RowChunk chunk(long index, Row... rows) {
    RowChunk.Builder b =
        RowChunk.newBuilder()
            .setEventId("raw-" + index)
            .setDataset(DatasetRef.newBuilder().setDatasetId("toy").setVersion(1))
            .setChunkIndex(index);
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
    return b.addNumeric(y).addNumeric(x).addCategorical(color).build();
  }

  static void assertSame(ChunkView v, RowChunk c) {
    assertThat(v.eventId()).isEqualTo(c.getEventId());
    assertThat(v.dataset()).isEqualTo(c.getDataset());
    assertThat(v.chunkIndex()).isEqualTo(c.getChunkIndex());
    assertThat(v.rowIds())
        .containsExactly(c.getRowIdsList().stream().mapToLong(Long::longValue).toArray());
    assertThat(v.splits())
        .containsExactly(c.getSplitsValueList().stream().mapToInt(Integer::intValue).toArray());
    assertThat(v.labels()).containsExactly(c.getLabelsList().toArray(String[]::new));
    assertThat(v.numericCount()).isEqualTo(c.getNumericCount());
    for (int i = 0; i < c.getNumericCount(); i++) {
      assertThat(v.numericName(i)).isEqualTo(c.getNumeric(i).getName());
      assertThat(v.numeric(i)).containsExactly(Decimals.values(c.getNumeric(i)));
    }
    assertThat(v.categoricalCount()).isEqualTo(c.getCategoricalCount());
    for (int i = 0; i < c.getCategoricalCount(); i++) {
      assertThat(v.categoricalName(i)).isEqualTo(c.getCategorical(i).getName());
      assertThat(v.categorical(i))
          .containsExactly(c.getCategorical(i).getValuesList().toArray(String[]::new));
    }
  }

  @Test
  void labelsAreMatchedToNamesByTheirBytesAsTheirStringsWouldBe() {
    String[] labels = {"pos", "neg", "", "po", "posi", "né", "ne", "pos", "x"};
    RowChunk.Builder b = RowChunk.newBuilder();
    for (int i = 0; i < labels.length; i++) {
      b.addRowIds(i).addSplits(Split.TRAIN).addLabels(labels[i]);
    }
    // The chunk parsed in place, from the middle of a larger array, as a fetched record is.
    byte[] bytes = b.build().toByteArray();
    byte[] fetched = new byte[bytes.length + 20];
    System.arraycopy(bytes, 0, fetched, 7, bytes.length);
    ChunkView v = ChunkView.parse(fetched, 7, 7 + bytes.length);
    String[] names = {"neg", "né", "pos"};
    byte[][] nameBytes = new byte[names.length][];
    for (int k = 0; k < names.length; k++) {
      nameBytes[k] = names[k].getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    int[] indexes = v.labelIndexes(nameBytes);

    assertThat(indexes).containsExactly(2, 0, -1, -1, -1, 1, -1, 2, -1);
    for (int i = 0; i < labels.length; i++) {
      assertThat(indexes[i]).isEqualTo(java.util.Arrays.asList(names).indexOf(v.labels()[i]));
    }
  }

  @Test
  void readsWhatTheGeneratedParserReads() {
    RowChunk chunk =
        chunk(
            3,
            row(1, 'T', 1.5, "x", Double.NaN, "yes"),
            row(300, 'E', -2, "", 1e300, ""),
            row(1L << 40, 'V', 0, "ü", -0.0, "no"));
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    assertSame(view, chunk);
    assertThat(view.rows()).isEqualTo(3);
  }

  @Test
  void readsUnpackedNumbersUnknownFieldsAndRepeatedSingularFields() throws IOException {
    // Hand-written wire bytes: event id twice (the last wins), an unknown varint field 15, row
    // ids and splits unpacked, a numeric column with its values unpacked.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeString(1, "first");
    out.writeString(1, "second");
    out.writeUInt64(15, 42);
    out.writeInt64(4, 7);
    out.writeInt64(4, 8);
    out.writeEnum(5, Split.TRAIN_VALUE);
    out.writeEnum(5, Split.TEST_VALUE);
    ByteArrayOutputStream column = new ByteArrayOutputStream();
    CodedOutputStream col = CodedOutputStream.newInstance(column);
    col.writeString(1, "a");
    col.writeDouble(2, 1.25);
    col.writeDouble(2, -3.5);
    col.flush();
    out.writeByteArray(6, column.toByteArray());
    out.flush();
    byte[] wire = bytes.toByteArray();
    assertSame(ChunkView.parse(wire), RowChunk.parseFrom(wire));
  }

  @Test
  void readsColumnsInTheDecimalForm() {
    double[] prices = {17.99, Double.NaN, 1001, 0.1184, -3.5};
    double[] counts = {1, 2, 3, -4, 0};
    double[] big = {-2e8, 2e8, 0, Double.NaN, 1};
    RowChunk chunk =
        RowChunk.newBuilder()
            .setEventId("dec")
            .addAllRowIds(java.util.List.of(1L, 2L, 3L, 4L, 5L))
            .addNumeric(Decimals.column("price", prices, 0, 5))
            .addNumeric(Decimals.column("count", counts, 0, 5))
            .addNumeric(Decimals.column("big", big, 0, 5))
            .build();
    assertThat(chunk.getNumeric(0).getScale()).isEqualTo(4);
    assertThat(chunk.getNumeric(0).getWidth()).isEqualTo(3); // -35000 .. 10010000
    assertThat(chunk.getNumeric(1).getScale()).isZero(); // not written: proto3's default
    assertThat(chunk.getNumeric(1).getWidth()).isEqualTo(1);
    assertThat(chunk.getNumeric(1).getBase()).isEqualTo(-4);
    assertThat(chunk.getNumeric(2).getDecimalsCount()).isEqualTo(5); // spans 4e8: 4 bytes each
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    assertSame(view, chunk);
    assertThat(view.numeric(0)).containsExactly(prices);
    assertThat(view.numeric(1)).containsExactly(counts);
    assertThat(view.numeric(2)).containsExactly(big);
    assertThat(view.floats("price", 0)).isNull(); // decimals, not floats
  }

  @Test
  void readsLabelsAsIndexesIntoTheChunksNames() throws IOException {
    RowChunk chunk =
        RowChunk.newBuilder()
            .setEventId("names")
            .addAllRowIds(java.util.List.of(1L, 2L, 3L, 4L))
            .addAllLabelNames(java.util.List.of("neg", "", "pos"))
            .addAllLabelIndexes(java.util.List.of(2, 0, 1, 2))
            .build();
    byte[] wire = chunk.toByteArray();
    ChunkView view = ChunkView.parse(wire);
    assertThat(view.labelCount()).isEqualTo(4);
    assertThat(view.labels()).containsExactly("pos", "neg", "", "pos");
    byte[][] names = {"pos".getBytes(), "other".getBytes(), "neg".getBytes()};
    assertThat(view.labelIndexes(names)).containsExactly(0, 2, -1, 0);
    // The label fields are one run at the end, copied as they are by a stage that passes them on.
    int[] run = view.labelsRun();
    assertThat(run).isNotNull();
    RowChunk copied =
        RowChunk.newBuilder()
            .mergeFrom(
                com.google.protobuf.ByteString.copyFrom(wire, run[0], run[1] - run[0])
                    .toByteArray())
            .build();
    assertThat(copied.getLabelNamesList()).containsExactly("neg", "", "pos");
    assertThat(copied.getLabelIndexesList()).containsExactly(2, 0, 1, 2);
  }

  @Test
  void readsRowIdsAsARunOfConsecutiveIds() {
    RowChunk chunk =
        RowChunk.newBuilder()
            .setFirstRowId(41)
            .setRowCount(3)
            .addSplits(Split.TRAIN)
            .addSplits(Split.TEST)
            .addSplits(Split.TRAIN)
            .addAllLabelNames(java.util.List.of("a"))
            .addAllLabelIndexes(java.util.List.of(0, 0, 0))
            .build();
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    assertThat(view.rows()).isEqualTo(3);
    assertThat(view.rowIds()).containsExactly(41L, 42L, 43L);
    assertThat(view.rowIdRun()).containsExactly(41L, 3L);
    assertThat(view.rowIdsPayload()).isNull();
    // The labels before the run are still one run of their own.
    assertThat(view.labelsRun()).isNotNull();

    RowChunk[] bad = {
      chunk.toBuilder().addRowIds(41).build(), // both forms
      chunk.toBuilder().setRowCount(1_000_000).build(), // more rows than bytes
      chunk.toBuilder().setRowCount(-1).build(),
      chunk.toBuilder().setFirstRowId(Long.MAX_VALUE - 1).build(), // overflows
    };
    assertRefused(bad);
  }

  @Test
  void refusesLabelsItCannotRead() {
    RowChunk.Builder base =
        RowChunk.newBuilder().addAllRowIds(java.util.List.of(1L, 2L)).addLabelNames("a");
    RowChunk[] bad = {
      base.clone().addAllLabelIndexes(java.util.List.of(0, 1)).build(), // no name 1
      base.clone().addAllLabelIndexes(java.util.List.of(0, -1)).build(),
      base.clone().addAllLabelIndexes(java.util.List.of(0, 0)).addLabels("a").build(), // both
      RowChunk.newBuilder().addRowIds(1).addLabelIndexes(0).build(), // no names at all
    };
    assertRefused(bad);
  }

  @Test
  void refusesAPackingItCannotRead() {
    NumericColumn good = Decimals.column("c", new double[] {1, 2, 300}, 0, 3);
    assertThat(good.getWidth()).isEqualTo(2);
    NumericColumn[] bad = {
      good.toBuilder().setWidth(4).build(),
      good.toBuilder().setWidth(0).build(),
      good.toBuilder().setPacked(good.getPacked().substring(0, 5)).build(),
      good.toBuilder().setBase(Integer.MIN_VALUE).build(),
      good.toBuilder().setBase(1L << 40).build(),
      good.toBuilder().setScale(10).build(),
      good.toBuilder().addDecimals(1).build(),
    };
    assertRefused(
        java.util.Arrays.stream(bad)
            .map(
                column ->
                    RowChunk.newBuilder()
                        .addAllRowIds(java.util.List.of(1L, 2L, 3L))
                        .addNumeric(column)
                        .build())
            .toArray(RowChunk[]::new));
  }

  /** Each chunk is refused as not a valid RowChunk, with the reason. */
  private static void assertRefused(RowChunk... chunks) {
    for (RowChunk chunk : chunks) {
      byte[] wire = chunk.toByteArray();
      assertThatThrownBy(() -> ChunkView.parse(wire))
          .as(chunk.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid RowChunk");
    }
  }

  @Test
  void readsColumnsOfFloatsWidened() throws IOException {
    RowChunk chunk =
        RowChunk.newBuilder()
            .setEventId("f")
            .addAllRowIds(java.util.List.of(1L, 2L, 3L))
            .addNumeric(
                NumericColumn.newBuilder()
                    .setName("z")
                    .addFloats(0.1f)
                    .addFloats(Float.NaN)
                    .addFloats(-3e38f))
            .build();
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    assertSame(view, chunk);
    assertThat(view.numeric(0)).containsExactly(0.1f, Double.NaN, -3e38f);
    // and as the floats they are, for a reader that wants floats
    assertThat(view.floats("z", 0)).containsExactly(0.1f, Float.NaN, -3e38f);
    // Unpacked, as an older writer might send them.
    byte[] unpacked =
        numericOnly(
            col -> {
              col.writeString(1, "z");
              col.writeFloat(5, 1.5f);
              col.writeFloat(5, 2.25f);
              col.writeFloat(5, -0f);
            });
    assertThat(ChunkView.parse(unpacked).numeric(0)).containsExactly(1.5, 2.25, -0.0);
  }

  @Test
  void readsUnpackedDecimals() throws IOException {
    byte[] wire =
        numericOnly(
            col -> {
              col.writeString(1, "a");
              col.writeSFixed32(3, 125);
              col.writeSFixed32(3, Decimals.MISSING);
              col.writeSFixed32(3, -35);
              col.writeInt32(4, 2);
            });
    ChunkView view = ChunkView.parse(wire);
    assertSame(view, RowChunk.parseFrom(wire));
    assertThat(view.numeric(0)).containsExactly(1.25, Double.NaN, -0.35);
  }

  @Test
  void aColumnInBothFormsOrWithABadScaleIsRefused() throws IOException {
    byte[] both =
        numericOnly(
            col -> {
              col.writeString(1, "a");
              col.writeDouble(2, 1.5);
              col.writeSFixed32(3, 15);
              col.writeInt32(4, 1);
            });
    assertThatThrownBy(() -> ChunkView.parse(both))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one form");
    byte[] scaled =
        numericOnly(
            col -> {
              col.writeString(1, "a");
              col.writeSFixed32(3, 15);
              col.writeInt32(4, 12);
            });
    assertThatThrownBy(() -> ChunkView.parse(scaled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale 12");
  }

  /** Writes a numeric column's fields by hand. */
  private interface ColumnWriter {
    void write(CodedOutputStream column) throws IOException;
  }

  /** A chunk of three rows whose only field besides the row ids is the numeric column written. */
  private static byte[] numericOnly(ColumnWriter writer) throws IOException {
    ByteArrayOutputStream columnBytes = new ByteArrayOutputStream();
    CodedOutputStream col = CodedOutputStream.newInstance(columnBytes);
    writer.write(col);
    col.flush();
    byte[] column = columnBytes.toByteArray();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (long id = 1; id <= 3; id++) {
      out.writeInt64(4, id);
    }
    out.writeByteArray(6, column);
    out.flush();
    return bytes.toByteArray();
  }

  @Test
  void truncatedBytesAreRefused() {
    byte[] wire = chunk(0, row(1, 'T', 1, "x", 2, "yes")).toByteArray();
    byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 3);
    assertThatThrownBy(() -> ChunkView.parse(cut)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unwrapRefusesRecordsThatAreNotRowChunksWithTheReason() {
    byte[] wire = chunk(0, row(1, 'T', 1, "x", 2, "yes")).toByteArray();
    assertThat(ChunkView.unwrap(record(wire, EventTypes.ROW_CHUNK)).rows()).isEqualTo(1);
    assertThatThrownBy(() -> ChunkView.unwrap(record(wire, null)))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("missing CloudEvents header ce_type");
    assertThatThrownBy(() -> ChunkView.unwrap(record(wire, "io.trainyard.Other")))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("unexpected event type 'io.trainyard.Other'");
    assertThatThrownBy(() -> ChunkView.unwrap(record(new byte[0], EventTypes.ROW_CHUNK)))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("empty payload");
    assertThatThrownBy(() -> ChunkView.unwrap(record(new byte[] {10, 50, 1}, EventTypes.ROW_CHUNK)))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("not a valid " + EventTypes.ROW_CHUNK);
  }

  @Test
  void payloadRunsPointAtTheFieldsAsWritten() {
    RowChunk chunk = chunk(2, row(1, 'T', 1, "x", 2, "yes"), row(200, 'E', 3, "y", 4, "no"));
    ChunkView v = ChunkView.parse(chunk.toByteArray());
    int[] ids = v.rowIdsPayload();
    // 1 and 200 as varints: 0x01, then 0xC8 0x01
    assertThat(java.util.Arrays.copyOfRange(v.bytes(), ids[0], ids[1]))
        .containsExactly(1, (byte) 0xC8, 1);
    int[] labels = v.labelsRun();
    RowChunk onlyLabels = RowChunk.newBuilder().addAllLabels(chunk.getLabelsList()).build();
    assertThat(java.util.Arrays.copyOfRange(v.bytes(), labels[0], labels[1]))
        .isEqualTo(onlyLabels.toByteArray());
  }

  /** A fetched record: its value a slice of a larger buffer, as a consumer hands it out. */
  private static org.apache.kafka.clients.consumer.ConsumerRecord<String, java.nio.ByteBuffer>
      record(byte[] payload, String type) {
    java.nio.ByteBuffer fetched = java.nio.ByteBuffer.allocate(payload.length + 9);
    fetched.position(5);
    fetched.put(payload);
    fetched.position(5).limit(5 + payload.length);
    org.apache.kafka.clients.consumer.ConsumerRecord<String, java.nio.ByteBuffer> r =
        new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", 0, 0, "k", fetched.slice());
    if (type != null) {
      r.headers().add(EventHeaders.CE_TYPE, type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return r;
  }

  @Test
  void findsColumnsByNameWhateverTheirPosition() {
    ChunkView v = ChunkView.parse(chunk(0, row(1, 'T', 1.5, "x", 2.5, "yes")).toByteArray());
    // y was written before x
    assertThat(v.numeric("x", 0)).containsExactly(1.5);
    assertThat(v.numeric("y", 0)).containsExactly(2.5);
    assertThat(v.categorical("color", 5)).containsExactly("x");
    assertThat(v.hasNumeric("x")).isTrue();
    assertThat(v.hasCategorical("x")).isFalse();
    assertThatThrownBy(() -> v.numeric("color", 0))
        .hasMessage("chunk 0 has no numeric column 'color'");
  }

  @Test
  void aColumnWithoutOneValueARowIsRefused() {
    RowChunk ragged =
        chunk(4, row(1, 'T', 1, "x", 2, "yes"), row(2, 'T', 3, "y", 4, "no")).toBuilder()
            .setNumeric(0, NumericColumn.newBuilder().setName("y").addValues(1))
            .build();
    ChunkView v = ChunkView.parse(ragged.toByteArray());
    assertThatThrownBy(() -> v.numeric("y", 0))
        .hasMessage("chunk 4 column 'y' has 1 values for 2 rows");
  }
}
