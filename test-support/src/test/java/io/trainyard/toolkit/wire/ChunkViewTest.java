package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.EventTypes;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.PackedDecimals;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.testsupport.ChunkBuilder;
import io.trainyard.toolkit.messaging.PoisonEventException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkView} reads what the generated parser reads, and refuses with the reason what that
 * parser or the schema's rules refuse. (In test-support, beside the toolkit's other tests, for the
 * shared {@link ChunkBuilder}.)
 */
class ChunkViewTest {

  private static final DatasetRef REF =
      DatasetRef.newBuilder().setDatasetId("toy").setVersion(1).build();

  /** Numeric y and x (y first), categorical color and a label, over listed ids 1, 300, 2^40. */
  private static final RowChunk CHUNK =
      ChunkBuilder.chunk(REF, 3)
          .eventId("raw-3")
          .ids(1, 300, 1L << 40)
          .splits("TEV")
          .doubles("y", Double.NaN, 1e300, -0.0)
          .doubles("x", 1.5, -2, 0)
          .categorical("color", "x", "", "ü")
          .labels("yes", "", "no")
          .build();

  @Test
  void readsWhatTheGeneratedParserReads() {
    ChunkView view = ChunkView.parse(CHUNK.toByteArray());
    ChunkValues.assertSame(view, CHUNK);
    assertThat(view.rows()).isEqualTo(3);
    assertThat(view.labels()).containsExactly("yes", "", "no");
  }

  @Test
  void labelsAreMatchedToNamesByTheirBytesAsTheirStringsWouldBe() {
    String[] labels = {"pos", "neg", "", "po", "posi", "né", "ne", "pos", "x"};
    byte[] bytes =
        ChunkBuilder.chunk()
            .idRun(0, labels.length)
            .splits("TTTTTTTTT")
            .labels(labels)
            .toByteArray();
    // The chunk parsed in place, from the middle of a larger array, as a fetched record is.
    byte[] fetched = new byte[bytes.length + 20];
    System.arraycopy(bytes, 0, fetched, 7, bytes.length);
    ChunkView v = ChunkView.parse(fetched, 7, 7 + bytes.length);
    String[] names = {"neg", "né", "pos"};
    byte[][] nameBytes = new byte[names.length][];
    for (int k = 0; k < names.length; k++) {
      nameBytes[k] = names[k].getBytes(StandardCharsets.UTF_8);
    }

    int[] indexes = v.labelIndexes(nameBytes);

    assertThat(indexes).containsExactly(2, 0, -1, -1, -1, 1, -1, 2, -1);
    for (int i = 0; i < labels.length; i++) {
      assertThat(indexes[i]).isEqualTo(Arrays.asList(names).indexOf(v.labels()[i]));
    }
  }

  @Test
  void readsUnpackedNumbersUnknownFieldsAndRepeatedSingularFields() throws IOException {
    // Hand-written wire bytes: event id twice (the last wins), unknown fields of every wire type
    // but groups, a known field number with another wire type (an unknown field too), row ids and
    // splits unpacked, a numeric column with its values unpacked.
    byte[] wire =
        message(
            out -> {
              out.writeString(RowChunk.EVENT_ID_FIELD_NUMBER, "first");
              out.writeString(RowChunk.EVENT_ID_FIELD_NUMBER, "second");
              out.writeUInt64(30, 42);
              out.writeFixed64(31, 7);
              out.writeFixed32(32, 7);
              out.writeString(33, "unknown");
              out.writeUInt64(RowChunk.EVENT_ID_FIELD_NUMBER, 5);
              out.writeByteArray(
                  RowChunk.LISTED_FIELD_NUMBER,
                  message(
                      ids -> {
                        ids.writeInt64(1, 7);
                        ids.writeUInt64(9, 1);
                        ids.writeInt64(1, 8);
                      }));
              out.writeEnum(RowChunk.SPLITS_FIELD_NUMBER, Split.TRAIN_VALUE);
              out.writeEnum(RowChunk.SPLITS_FIELD_NUMBER, Split.TEST_VALUE);
              out.writeByteArray(
                  RowChunk.NUMERIC_FIELD_NUMBER,
                  message(
                      col -> {
                        col.writeString(NumericColumn.NAME_FIELD_NUMBER, "a");
                        col.writeFixed32(20, 1);
                        col.writeByteArray(
                            NumericColumn.DOUBLES_FIELD_NUMBER,
                            message(
                                d -> {
                                  d.writeDouble(1, 1.25);
                                  d.writeFixed32(2, 3);
                                  d.writeDouble(1, -3.5);
                                }));
                      }));
            });
    RowChunk parsed = RowChunk.parseFrom(wire);
    assertThat(parsed.getEventId()).isEqualTo("second");
    ChunkValues.assertSame(ChunkView.parse(wire), parsed);
    assertThat(ChunkView.parse(wire).numeric(0)).containsExactly(1.25, -3.5);
  }

  @Test
  void repeatedEmbeddedMessagesAreMergedAsTheGeneratedParserMergesThem() throws IOException {
    // Concatenated messages merge: the data set in two parts, the listed ids and a column's doubles
    // in two pieces, a column's packing given again with another scale and other bytes (the last
    // of each wins) over the width of the first.
    byte[] wire =
        concat(
            ChunkBuilder.chunk()
                .dataset(DatasetRef.newBuilder().setDatasetId("ds").build())
                .ids(1, 2)
                .toByteArray(),
            ChunkBuilder.chunk()
                .dataset(DatasetRef.newBuilder().setVersion(4).build())
                .ids(3)
                .splits("TVE")
                .toByteArray(),
            message(
                out ->
                    out.writeByteArray(
                        RowChunk.NUMERIC_FIELD_NUMBER,
                        concat(
                            ChunkBuilder.chunk()
                                .doubles("a", 1, 2)
                                .build()
                                .getNumeric(0)
                                .toByteArray(),
                            ChunkBuilder.chunk()
                                .doubles("", 3)
                                .build()
                                .getNumeric(0)
                                .toByteArray()))),
            message(
                out ->
                    out.writeByteArray(
                        RowChunk.NUMERIC_FIELD_NUMBER,
                        concat(
                            ChunkBuilder.chunk()
                                .packed("b", 9, 1, 0, new byte[] {1, 2, 3})
                                .build()
                                .getNumeric(0)
                                .toByteArray(),
                            message(
                                col ->
                                    col.writeByteArray(
                                        NumericColumn.PACKED_FIELD_NUMBER,
                                        message(
                                            p -> {
                                              p.writeInt32(PackedDecimals.SCALE_FIELD_NUMBER, 1);
                                              p.writeByteArray(
                                                  PackedDecimals.PACKED_FIELD_NUMBER,
                                                  new byte[] {4, 5});
                                            })))))));
    RowChunk parsed = RowChunk.parseFrom(wire);
    assertThat(parsed.getDataset())
        .isEqualTo(REF.toBuilder().setDatasetId("ds").setVersion(4).build());
    ChunkView view = ChunkView.parse(wire);
    ChunkValues.assertSame(view, parsed);
    assertThat(view.rowIds()).containsExactly(1, 2, 3);
    assertThat(view.numeric(0)).containsExactly(1, 2, 3);
    assertThat(view.numericName(0)).isEqualTo("a"); // "" is proto3's default, not written
    assertThat(view.numeric(1)).containsExactly(0.4, 0.5);
  }

  @Test
  void readsColumnsInThePackedDecimalForm() {
    double[] prices = {17.99, Double.NaN, 1001, 0.1184, -3.5};
    double[] counts = {1, 2, 3, -4, 0};
    double[] big = {-2e8, 2e8, 0, Double.NaN, 1};
    RowChunk chunk =
        ChunkBuilder.chunk()
            .eventId("dec")
            .idRun(1, 5)
            .splits("TTTTT")
            .decimals("price", prices)
            .decimals("count", counts)
            .decimals("big", big)
            .build();
    assertThat(chunk.getNumeric(0).getPacked().getScale()).isEqualTo(4);
    assertThat(chunk.getNumeric(0).getPacked().getWidth()).isEqualTo(3); // -35000 .. 10010000
    assertThat(chunk.getNumeric(1).getPacked().getScale()).isZero();
    assertThat(chunk.getNumeric(1).getPacked().getWidth()).isEqualTo(1);
    assertThat(chunk.getNumeric(1).getPacked().getBase()).isEqualTo(-4);
    assertThat(chunk.getNumeric(2).getPacked().getWidth()).isEqualTo(4); // spans 4e8
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    ChunkValues.assertSame(view, chunk);
    assertThat(view.numeric(0)).containsExactly(prices);
    assertThat(view.numeric(1)).containsExactly(counts);
    assertThat(view.numeric(2)).containsExactly(big);
    assertThat(view.floats("price", 0)).isNull(); // decimals, not floats
  }

  @Test
  void fourBytePackingsSpanAllOf32BitsOverTheirBase() {
    // 0xFFFFFFFE over -2^31 + 1 is 2^31 - 1; all ones is missing; a base near the top reaches past
    // 31 bits, which the form allows (writers never need it) and reads exactly.
    byte[] packed = {
      (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, -1, -1, -1, -1, 2, 0, 0, 0
    };
    RowChunk low =
        ChunkBuilder.chunk()
            .idRun(1, 3)
            .splits("TTT")
            .packed("a", 0, 4, -Integer.MAX_VALUE, packed)
            .build();
    assertThat(ChunkView.parse(low.toByteArray()).numeric(0))
        .containsExactly(Integer.MAX_VALUE, Double.NaN, -Integer.MAX_VALUE + 2);
    RowChunk high =
        ChunkBuilder.chunk()
            .idRun(1, 3)
            .splits("TTT")
            .packed("a", 2, 4, Integer.MAX_VALUE, packed)
            .build();
    assertThat(ChunkView.parse(high.toByteArray()).numeric(0))
        .containsExactly(((double) Integer.MAX_VALUE + 0xFFFFFFFEL) / 100, Double.NaN, 21474836.49);
    ChunkValues.assertSame(ChunkView.parse(high.toByteArray()), high);
  }

  @Test
  void readsLabelsAsIndexesIntoTheChunksNames() throws IOException {
    RowChunk chunk =
        ChunkBuilder.chunk()
            .eventId("names")
            .ids(1, 2, 3, 4)
            .labels(List.of("neg", "", "pos"), 2, 0, 1, 2)
            .build();
    byte[] wire = chunk.toByteArray();
    ChunkView view = ChunkView.parse(wire);
    assertThat(view.labelCount()).isEqualTo(4);
    assertThat(view.labels()).containsExactly("pos", "neg", "", "pos");
    assertThat(view.labelNames()).containsExactly("neg", "", "pos");
    assertThat(view.labelIndexes()).containsExactly(2, 0, 1, 2);
    byte[][] names = {"pos".getBytes(), "other".getBytes(), "neg".getBytes()};
    assertThat(view.labelIndexes(names)).containsExactly(0, 2, -1, 0);
    // The label fields are one run, copied as they are by a stage that passes them on.
    int[] run = view.labelsRun();
    assertThat(run).isNotNull();
    RowChunk copied = RowChunk.parseFrom(Arrays.copyOfRange(wire, run[0], run[1]));
    assertThat(copied.getLabelNamesList()).containsExactly("neg", "", "pos");
    assertThat(copied.getLabelIndexesList()).containsExactly(2, 0, 1, 2);
  }

  @Test
  void readsRowIdsAsARunOfConsecutiveIds() {
    RowChunk chunk =
        ChunkBuilder.chunk().idRun(41, 3).splits("TET").labels(List.of("a"), 0, 0, 0).build();
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    assertThat(view.rows()).isEqualTo(3);
    assertThat(view.rowIds()).containsExactly(41L, 42L, 43L);
    assertThat(view.rowIdRun()).containsExactly(41L, 3L);
    assertThat(view.rowIdsPayload()).isNull();
    assertThat(view.labelsRun()).isNotNull();

    assertRefused(
        "both listed and as a run",
        concat(chunk.toByteArray(), ChunkBuilder.chunk().ids(41).toByteArray()));
    assertRefused(
        "both listed and as a run",
        concat(ChunkBuilder.chunk().ids(41).toByteArray(), chunk.toByteArray()));
    assertRefused(
        "1000000 rows in", ChunkBuilder.chunk().idRun(41, 1_000_000).splits("TET").toByteArray());
    assertRefused("a negative row count", ChunkBuilder.chunk().idRun(41, -1).toByteArray());
    assertRefused(
        "overflow", ChunkBuilder.chunk().idRun(Long.MAX_VALUE - 1, 3).splits("TET").toByteArray());
  }

  @Test
  void refusesLabelIndexesThatNameNoLabel() {
    assertRefused(
        "label index 1 of row 1 outside the 1 label names",
        ChunkBuilder.chunk().ids(1, 2).labels(List.of("a"), 0, 1).toByteArray());
    assertRefused(
        "label index -1", ChunkBuilder.chunk().ids(1, 2).labels(List.of("a"), 0, -1).toByteArray());
    assertRefused(
        "outside the 0 label names",
        ChunkBuilder.chunk().ids(1).labels(List.of(), 0).toByteArray());
  }

  @Test
  void refusesAPackingItCannotRead() throws IOException {
    byte[] three = {1, 2, 3, 4, 5, 6};
    assertRefused("packed in width 5", packedColumn(0, 5, 0, new byte[] {1, 2, 3, 4, 5}));
    assertRefused("packed in width 0", packedColumn(0, 0, 0, new byte[0]));
    assertRefused("packed in width -1", packedColumn(0, -1, 0, three));
    assertRefused("packed in width 4", packedColumn(0, 4, 0, three)); // 6 bytes: not whole numbers
    assertRefused("over -2147483648", packedColumn(0, 2, Integer.MIN_VALUE, three));
    assertRefused("scale 10", packedColumn(10, 2, 0, three));
    assertRefused("scale -1", packedColumn(-1, 2, 0, three));
    // Two forms in one column: the generated parser keeps the last; that is not a chunk.
    byte[] both =
        message(
            out ->
                out.writeByteArray(
                    RowChunk.NUMERIC_FIELD_NUMBER,
                    concat(
                        ChunkBuilder.chunk()
                            .doubles("a", 1, 2, 3)
                            .build()
                            .getNumeric(0)
                            .toByteArray(),
                        ChunkBuilder.chunk()
                            .floats("a", 1, 2, 3)
                            .build()
                            .getNumeric(0)
                            .toByteArray())));
    assertThat(RowChunk.parseFrom(both).getNumeric(0).hasFloats()).isTrue();
    assertRefused("numeric column a carries its numbers in more than one form", both);
  }

  private static byte[] packedColumn(int scale, int width, int base, byte[] packed) {
    return ChunkBuilder.chunk()
        .idRun(1, 3)
        .splits("TTT")
        .packed("c", scale, width, base, packed)
        .toByteArray();
  }

  @Test
  void refusesInvalidUtf8InEveryStringFieldAsTheGeneratedParserDoes() {
    // "@@@" becomes the UTF-8 of a lone surrogate: three bytes that no valid text has.
    RowChunk[] chunks = {
      ChunkBuilder.chunk().eventId("@@@").build(),
      ChunkBuilder.chunk().dataset(DatasetRef.newBuilder().setDatasetId("@@@").build()).build(),
      ChunkBuilder.chunk().ids(1).doubles("@@@", 1).build(),
      ChunkBuilder.chunk().ids(1).categorical("c", "@@@").build(),
      ChunkBuilder.chunk().ids(1).categorical("@@@", "x").build(),
      ChunkBuilder.chunk().ids(1).labels("@@@").build(),
    };
    for (RowChunk chunk : chunks) {
      byte[] wire = chunk.toByteArray();
      String text = new String(wire, StandardCharsets.ISO_8859_1);
      int at = text.indexOf("@@@");
      wire[at] = (byte) 0xED;
      wire[at + 1] = (byte) 0xA0;
      wire[at + 2] = (byte) 0x80;
      assertThatThrownBy(() -> RowChunk.parseFrom(wire))
          .isInstanceOf(InvalidProtocolBufferException.class);
      assertThatThrownBy(() -> ChunkView.parse(wire))
          .as(chunk.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UTF-8");
    }
  }

  @Test
  void refusesGroupsWhichNoRowChunkHas() throws IOException {
    byte[] wire =
        concat(
            CHUNK.toByteArray(),
            message(
                out -> {
                  out.writeTag(40, WireFormat.WIRETYPE_START_GROUP);
                  out.writeUInt64(1, 5);
                  out.writeTag(40, WireFormat.WIRETYPE_END_GROUP);
                }));
    assertThat(RowChunk.parseFrom(wire).getEventId()).isEqualTo("raw-3"); // an unknown field to it
    assertRefused("field 40 is a group", wire);
  }

  @Test
  void readsColumnsOfFloatsWidened() throws IOException {
    RowChunk chunk =
        ChunkBuilder.chunk().eventId("f").ids(1, 2, 3).floats("z", 0.1f, Float.NaN, -3e38f).build();
    ChunkView view = ChunkView.parse(chunk.toByteArray());
    ChunkValues.assertSame(view, chunk);
    assertThat(view.numeric(0)).containsExactly(0.1f, Double.NaN, -3e38f);
    // and as the floats they are, for a reader that wants floats
    assertThat(view.floats("z", 0)).containsExactly(0.1f, Float.NaN, -3e38f);
    // Unpacked, as another writer might send them.
    byte[] unpacked =
        message(
            out -> {
              out.writeByteArray(
                  RowChunk.LISTED_FIELD_NUMBER,
                  ChunkBuilder.chunk().ids(1, 2, 3).build().getListed().toByteArray());
              out.writeByteArray(
                  RowChunk.NUMERIC_FIELD_NUMBER,
                  message(
                      col -> {
                        col.writeString(NumericColumn.NAME_FIELD_NUMBER, "z");
                        col.writeByteArray(
                            NumericColumn.FLOATS_FIELD_NUMBER,
                            message(
                                f -> {
                                  f.writeFloat(1, 1.5f);
                                  f.writeFloat(1, 2.25f);
                                  f.writeFloat(1, -0f);
                                }));
                      }));
            });
    assertThat(ChunkView.parse(unpacked).numeric(0)).containsExactly(1.5, 2.25, -0.0);
    ChunkValues.assertSame(ChunkView.parse(unpacked), RowChunk.parseFrom(unpacked));
  }

  @Test
  void truncatedBytesAreRefused() {
    byte[] wire = CHUNK.toByteArray();
    for (int cut = 1; cut < 4; cut++) {
      byte[] shorter = Arrays.copyOf(wire, wire.length - cut);
      assertThatThrownBy(() -> ChunkView.parse(shorter))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid RowChunk");
    }
  }

  @Test
  void unwrapRefusesRecordsThatAreNotRowChunksWithTheReason() {
    byte[] wire = CHUNK.toByteArray();
    assertThat(ChunkView.unwrap(record(wire, EventTypes.ROW_CHUNK)).rows()).isEqualTo(3);
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
    RowChunk chunk =
        ChunkBuilder.chunk(REF, 2).ids(1, 200).splits("TE").labels("yes", "no").build();
    ChunkView v = ChunkView.parse(chunk.toByteArray());
    int[] ids = v.rowIdsPayload();
    // 1 and 200 as varints: 0x01, then 0xC8 0x01
    assertThat(Arrays.copyOfRange(v.bytes(), ids[0], ids[1])).containsExactly(1, (byte) 0xC8, 1);
    int[] splits = v.splitsPayload();
    assertThat(Arrays.copyOfRange(v.bytes(), splits[0], splits[1])).containsExactly(1, 3);
    int[] labels = v.labelsRun();
    RowChunk onlyLabels = ChunkBuilder.chunk().labels("yes", "no").build();
    assertThat(Arrays.copyOfRange(v.bytes(), labels[0], labels[1]))
        .isEqualTo(onlyLabels.toByteArray());
  }

  @Test
  void findsColumnsByNameWhateverTheirPosition() {
    ChunkView v = ChunkView.parse(CHUNK.toByteArray());
    // y was written before x
    assertThat(v.numeric("x", 0)).containsExactly(1.5, -2, 0);
    assertThat(v.numeric("y", 0)).containsExactly(Double.NaN, 1e300, -0.0);
    assertThat(v.categorical("color", 5)).containsExactly("x", "", "ü");
    assertThat(v.hasNumeric("x")).isTrue();
    assertThat(v.hasCategorical("x")).isFalse();
    assertThatThrownBy(() -> v.numeric("color", 0))
        .hasMessage("chunk 3 has no numeric column 'color'");
  }

  @Test
  void aColumnWithoutOneValueARowIsRefused() {
    RowChunk ragged =
        CHUNK.toBuilder()
            .setNumeric(0, ChunkBuilder.chunk().doubles("y", 1).build().getNumeric(0))
            .build();
    ChunkView v = ChunkView.parse(ragged.toByteArray());
    assertThatThrownBy(() -> v.numeric("y", 0))
        .hasMessage("chunk 3 column 'y' has 1 values for 3 rows");
  }

  /** The bytes are refused as not a valid RowChunk, with {@code reason} in the message. */
  private static void assertRefused(String reason, byte[] wire) {
    assertThatThrownBy(() -> ChunkView.parse(wire))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid RowChunk")
        .hasMessageContaining(reason);
  }

  /** Writes fields by hand. */
  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  /** The fields written as a message's bytes. */
  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A fetched record: its value a slice of a larger buffer, as a consumer hands it out. */
  private static ConsumerRecord<String, ByteBuffer> record(byte[] payload, String type) {
    ByteBuffer fetched = ByteBuffer.allocate(payload.length + 9);
    fetched.position(5);
    fetched.put(payload);
    fetched.position(5).limit(5 + payload.length);
    ConsumerRecord<String, ByteBuffer> r = new ConsumerRecord<>("t", 0, 0, "k", fetched.slice());
    if (type != null) {
      r.headers().add(EventHeaders.CE_TYPE, type.getBytes(StandardCharsets.UTF_8));
    }
    return r;
  }
}
