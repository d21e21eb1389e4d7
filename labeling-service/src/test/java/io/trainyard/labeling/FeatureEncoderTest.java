package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.Split;
import io.trainyard.labeling.TestChunks.Row;
import io.trainyard.testsupport.ChunkBuilder;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  @Test
  void numericColumnsInSchemaOrderThenOneHotBlocks() {
    FeatureEncoder encoder = new FeatureEncoder(TestChunks.SCHEMA);
    assertThat(encoder.featureNames()).containsExactly("a", "b", "c=x", "c=y", "c=z");
    assertThat(encoder.features()).isEqualTo(5);
  }

  @Test
  void rowsAreRowMajorAndMissingCategoriesAreAllZero() {
    FeatureEncoder encoder = new FeatureEncoder(TestChunks.SCHEMA);
    float[] x =
        encoder.encode(
            TestChunks.chunk(
                0,
                new Row(1, Split.TRAIN, 0.5, "z", -1.25, "yes"),
                new Row(2, Split.TEST, 2.0, "", 3.0, "no"),
                new Row(3, Split.TRAIN, -0.75, "x", 0.0, "no"),
                new Row(4, Split.TRAIN, 1.0, "unknown", 0.0, "no")),
            null);
    assertThat(x)
        .containsExactly(
            0.5f, -1.25f, 0f, 0f, 1f, //
            2.0f, 3.0f, 0f, 0f, 0f, //
            -0.75f, 0f, 1f, 0f, 0f, //
            1.0f, 0f, 0f, 0f, 0f);
  }

  @Test
  void aReusedBufferIsClearedFirst() {
    FeatureEncoder encoder = new FeatureEncoder(TestChunks.SCHEMA);
    float[] buffer = new float[20];
    java.util.Arrays.fill(buffer, 9f);
    float[] x =
        encoder.encode(TestChunks.chunk(0, new Row(1, Split.TRAIN, 1, "y", 2, "no")), buffer);
    assertThat(x).isSameAs(buffer);
    assertThat(java.util.Arrays.copyOf(x, 5)).containsExactly(1f, 2f, 0f, 1f, 0f);
    assertThat(x[5]).isEqualTo(9f); // beyond this chunk's rows: untouched
  }

  @Test
  void columnsOfFloatsGiveTheFeaturesTheirDoublesGive() {
    FeatureEncoder encoder = new FeatureEncoder(TestChunks.SCHEMA);
    io.trainyard.contracts.events.v1.RowChunk doubles =
        TestChunks.chunk(
            0,
            new Row(1, Split.TRAIN, 0.1, "z", -1e-7, "yes"),
            new Row(2, Split.TEST, Double.NaN, "y", 3.4e38, "no"),
            new Row(3, Split.TRAIN, -0.75, "x", 1.0 / 3, "no"));
    io.trainyard.contracts.events.v1.RowChunk.Builder floats = doubles.toBuilder().clearNumeric();
    for (io.trainyard.contracts.events.v1.NumericColumn c : doubles.getNumericList()) {
      floats.addNumeric(
          ChunkBuilder.chunk()
              .floats(c.getName(), io.trainyard.toolkit.wire.Decimals.values(c))
              .build()
              .getNumeric(0));
    }
    assertThat(io.trainyard.toolkit.wire.ChunkView.of(floats.build()).floats("a", 0)).isNotNull();
    assertThat(encoder.encode(floats.build(), null)).containsExactly(encoder.encode(doubles, null));
  }
}
