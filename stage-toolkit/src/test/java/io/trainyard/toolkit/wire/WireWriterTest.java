package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link WireWriter} sizes and writes what the generated serializer writes. */
class WireWriterTest {

  @Test
  void varintSizesAreProtobufs() {
    for (long v : new long[] {0, 1, 127, 128, 16_383, 16_384, 1L << 40, Long.MAX_VALUE, -1}) {
      assertThat(WireWriter.varintSize(v))
          .as("%d", v)
          .isEqualTo(CodedOutputStream.computeUInt64SizeNoTag(v));
    }
    for (int v : new int[] {0, 5, 300, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
      assertThat(WireWriter.varint32Size(v))
          .as("%d", v)
          .isEqualTo(CodedOutputStream.computeInt32SizeNoTag(v));
    }
  }

  @Test
  void aPreparedBatchWrittenByHandIsTheGeneratedBytes() {
    DatasetRef ref = DatasetRef.newBuilder().setDatasetId("ds").setVersion(3).build();
    float[] x = {1.5f, -2f, 0f, Float.NaN, 1e-7f, 3f};
    int[] y = {0, 1, 2};
    long[] ids = {1, 300, 1L << 40};
    PreparedBatch expected =
        PreparedBatch.newBuilder()
            .setEventId("e-1")
            .setDataset(ref)
            .setSplit(Split.VALIDATION)
            .setBatchIndex(0) // left out, as proto3 does
            .setRows(3)
            .setFeatures(2)
            .addX(1.5f)
            .addX(-2f)
            .addX(0f)
            .addX(Float.NaN)
            .addX(1e-7f)
            .addX(3f)
            .addY(0)
            .addY(1)
            .addY(2)
            .addRowIds(1)
            .addRowIds(300)
            .addRowIds(1L << 40)
            .build();

    byte[] id = "e-1".getBytes(StandardCharsets.UTF_8);
    byte[] refBytes = ref.toByteArray();
    long yBytes = 0;
    long idBytes = 0;
    for (int i = 0; i < 3; i++) {
      yBytes += WireWriter.varint32Size(y[i]);
      idBytes += WireWriter.varintSize(ids[i]);
    }
    long size =
        WireWriter.fieldSize(1, id.length)
            + WireWriter.fieldSize(2, refBytes.length)
            + WireWriter.scalarSize(3, Split.VALIDATION_VALUE)
            + WireWriter.scalarSize(4, 0)
            + WireWriter.scalarSize(5, 3)
            + WireWriter.scalarSize(6, 2)
            + WireWriter.fieldSize(7, 4L * x.length)
            + WireWriter.fieldSize(8, yBytes)
            + WireWriter.fieldSize(9, idBytes);
    WireWriter w = new WireWriter(size);
    w.bytesField(1, id);
    w.bytesField(2, refBytes);
    w.scalarField(3, Split.VALIDATION_VALUE);
    w.scalarField(4, 0);
    w.scalarField(5, 3);
    w.scalarField(6, 2);
    w.lengthDelimited(7, 4L * x.length);
    w.floats(x, x.length);
    w.lengthDelimited(8, yBytes);
    for (int v : y) {
      w.varint(v);
    }
    // row_ids is not declared packed; proto3 packs repeated scalars anyway
    w.lengthDelimited(9, idBytes);
    for (long v : ids) {
      w.varint(v);
    }
    assertThat(w.finish()).isEqualTo(expected.toByteArray());
  }

  @Test
  void aWrongSizeIsCaught() {
    WireWriter w = new WireWriter(4);
    w.element(1, new byte[] {7});
    assertThatThrownBy(w::finish).hasMessageContaining("wrote 3 bytes of a message sized 4");
  }
}
