package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WireWriter} sizes and writes what the generated serializer writes. */
class WireWriterTest {

  @Test
  void aPreparedBatchWrittenByHandIsTheGeneratedBytes() {
    DatasetRef ref = DatasetRef.newBuilder().setDatasetId("ds").setVersion(3).build();
    float[] x = {1.5f, -2f, 0f, Float.NaN, 1e-7f, 3f};
    int[] y = {0, -1, 2};
    long[] ids = {1, 300, 1L << 40};
    PreparedBatch expected =
        PreparedBatch.newBuilder()
            .setEventId("e-1")
            .setDataset(ref)
            .setSplit(Split.VALIDATION)
            .setBatchIndex(0) // left out, as proto3 does
            .setRows(3)
            .setFeatures(2)
            .addAllX(List.of(1.5f, -2f, 0f, Float.NaN, 1e-7f, 3f))
            .addAllY(List.of(0, -1, 2))
            .addAllRowIds(List.of(1L, 300L, 1L << 40))
            .build();

    byte[] id = "e-1".getBytes(StandardCharsets.UTF_8);
    byte[] refBytes = ref.toByteArray();
    long yBytes = 0;
    long idBytes = 0;
    for (int i = 0; i < 3; i++) {
      yBytes += WireWriter.int32SizeNoTag(y[i]); // -1: ten bytes, sign-extended
      idBytes += WireWriter.int64SizeNoTag(ids[i]);
    }
    long size =
        WireWriter.bytesSize(PreparedBatch.EVENT_ID_FIELD_NUMBER, id.length)
            + WireWriter.messageSize(PreparedBatch.DATASET_FIELD_NUMBER, refBytes.length)
            + WireWriter.int32Size(PreparedBatch.SPLIT_FIELD_NUMBER, Split.VALIDATION_VALUE)
            + WireWriter.int64Size(PreparedBatch.BATCH_INDEX_FIELD_NUMBER, 0)
            + WireWriter.int32Size(PreparedBatch.ROWS_FIELD_NUMBER, 3)
            + WireWriter.int32Size(PreparedBatch.FEATURES_FIELD_NUMBER, 2)
            + WireWriter.bytesSize(PreparedBatch.X_FIELD_NUMBER, 4L * x.length)
            + WireWriter.bytesSize(PreparedBatch.Y_FIELD_NUMBER, yBytes)
            + WireWriter.bytesSize(PreparedBatch.ROW_IDS_FIELD_NUMBER, idBytes);
    WireWriter w = new WireWriter(size);
    w.bytes(PreparedBatch.EVENT_ID_FIELD_NUMBER, id);
    w.element(PreparedBatch.DATASET_FIELD_NUMBER, refBytes);
    w.int32(PreparedBatch.SPLIT_FIELD_NUMBER, Split.VALIDATION_VALUE);
    w.int64(PreparedBatch.BATCH_INDEX_FIELD_NUMBER, 0);
    w.int32(PreparedBatch.ROWS_FIELD_NUMBER, 3);
    w.int32(PreparedBatch.FEATURES_FIELD_NUMBER, 2);
    w.lengthDelimited(PreparedBatch.X_FIELD_NUMBER, 4L * x.length);
    w.floats(x, x.length); // a bulk copy: the writer goes on after it
    w.lengthDelimited(PreparedBatch.Y_FIELD_NUMBER, yBytes);
    for (int v : y) {
      w.int32NoTag(v);
    }
    // row_ids is not declared packed; proto3 packs repeated scalars anyway
    w.lengthDelimited(PreparedBatch.ROW_IDS_FIELD_NUMBER, idBytes);
    for (long v : ids) {
      w.int64NoTag(v);
    }
    assertThat(w.finish()).isEqualTo(expected.toByteArray());
  }

  @Test
  void anEmptyMessageFieldIsWrittenAndAnEmptyStringIsNot() {
    PreparedBatch expected =
        PreparedBatch.newBuilder()
            .setEventId("")
            .setDataset(DatasetRef.getDefaultInstance())
            .build();
    long size =
        WireWriter.bytesSize(PreparedBatch.EVENT_ID_FIELD_NUMBER, 0)
            + WireWriter.messageSize(PreparedBatch.DATASET_FIELD_NUMBER, 0);
    WireWriter w = new WireWriter(size);
    w.bytes(PreparedBatch.EVENT_ID_FIELD_NUMBER, new byte[0]);
    w.element(PreparedBatch.DATASET_FIELD_NUMBER, new byte[0]);
    assertThat(w.finish()).isEqualTo(expected.toByteArray()).hasSize(2);
  }

  @Test
  void aWrongSizeIsCaught() {
    WireWriter w = new WireWriter(4);
    w.element(1, new byte[] {7});
    assertThatThrownBy(w::finish).hasMessageContaining("wrote 3 bytes of a message sized 4");
    WireWriter small = new WireWriter(3);
    assertThatThrownBy(() -> small.element(1, new byte[] {7, 8}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("past the end of a message sized 3");
    WireWriter bulk = new WireWriter(3);
    bulk.lengthDelimited(1, 8);
    assertThatThrownBy(() -> bulk.doubles(new double[] {1}, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("writing 8 bytes at 2 of a message sized 3");
  }
}
