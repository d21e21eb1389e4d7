package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.PackedDecimals;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import java.util.Arrays;

/**
 * What a {@link RowChunk} parsed by the generated parser says, worked out from the schema's words
 * alone (not with {@link ChunkView} or {@link Decimals}), and the check that a view says the same.
 */
final class ChunkValues {

  private ChunkValues() {}

  /** The row ids the chunk carries, whichever form. */
  static long[] rowIds(RowChunk chunk) {
    return switch (chunk.getRowIdsCase()) {
      case LISTED -> chunk.getListed().getIdsList().stream().mapToLong(Long::longValue).toArray();
      case CONSECUTIVE -> {
        long[] ids = new long[(int) chunk.getConsecutive().getCount()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = chunk.getConsecutive().getFirst() + i;
        }
        yield ids;
      }
      case ROWIDS_NOT_SET -> new long[0];
    };
  }

  /**
   * A column's numbers as doubles: the doubles, the floats widened, or the packed decimals as the
   * schema defines them (base plus the little-endian unsigned number of width bytes, over 10^scale;
   * all ones: missing).
   */
  static double[] numbers(NumericColumn column) {
    switch (column.getValuesCase()) {
      case DOUBLES -> {
        return column.getDoubles().getValuesList().stream()
            .mapToDouble(Double::doubleValue)
            .toArray();
      }
      case FLOATS -> {
        double[] out = new double[column.getFloats().getValuesCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = column.getFloats().getValues(i);
        }
        return out;
      }
      case PACKED -> {
        PackedDecimals p = column.getPacked();
        byte[] bytes = p.getPacked().toByteArray();
        int width = p.getWidth();
        assertThat(width).as("the width of a packing the view accepted").isBetween(1, 4);
        assertThat(bytes.length % width).as("a packing the view accepted").isZero();
        assertThat(p.getScale()).as("the scale of a packing the view accepted").isBetween(0, 9);
        double[] out = new double[bytes.length / width];
        long missing = (1L << (8 * width)) - 1;
        for (int i = 0; i < out.length; i++) {
          long u = 0;
          for (int k = width - 1; k >= 0; k--) {
            u = u << 8 | (bytes[i * width + k] & 0xFF);
          }
          out[i] = u == missing ? Double.NaN : (p.getBase() + u) / Math.pow(10, p.getScale());
        }
        return out;
      }
      default -> {
        return new double[0];
      }
    }
  }

  /** The view gives exactly what the parsed chunk says. */
  static void assertSame(ChunkView v, RowChunk c) {
    assertThat(v.eventId()).isEqualTo(c.getEventId());
    assertThat(v.dataset()).isEqualTo(c.getDataset());
    assertThat(v.chunkIndex()).isEqualTo(c.getChunkIndex());
    long[] ids = rowIds(c);
    assertThat(v.rowIds()).isEqualTo(ids);
    assertThat(v.rows()).isEqualTo(ids.length);
    assertThat(v.rowIdRun())
        .isEqualTo(
            c.hasConsecutive()
                ? new long[] {c.getConsecutive().getFirst(), c.getConsecutive().getCount()}
                : null);
    assertThat(v.splits())
        .isEqualTo(c.getSplitsValueList().stream().mapToInt(Integer::intValue).toArray());
    assertThat(v.numericCount()).isEqualTo(c.getNumericCount());
    for (int i = 0; i < c.getNumericCount(); i++) {
      NumericColumn column = c.getNumeric(i);
      assertThat(v.numericName(i)).isEqualTo(column.getName());
      double[] expected = numbers(column);
      // Bit for bit (NaN as NaN, the sign of zero kept).
      double[] actual = v.numeric(i);
      int at = i;
      assertThat(Arrays.equals(actual, expected))
          .as(
              () ->
                  "column "
                      + at
                      + " ("
                      + column.getValuesCase()
                      + "): "
                      + Arrays.toString(actual)
                      + ", expected "
                      + Arrays.toString(expected))
          .isTrue();
      if (column.hasFloats()) {
        float[] floats = new float[column.getFloats().getValuesCount()];
        for (int r = 0; r < floats.length; r++) {
          floats[r] = column.getFloats().getValues(r);
        }
        assertThat(Arrays.equals(v.floats(i), floats)).as("floats of column %d", i).isTrue();
      } else {
        assertThat(v.floats(i)).isNull();
      }
    }
    assertThat(v.categoricalCount()).isEqualTo(c.getCategoricalCount());
    for (int i = 0; i < c.getCategoricalCount(); i++) {
      StringColumn column = c.getCategorical(i);
      assertThat(v.categoricalName(i)).isEqualTo(column.getName());
      assertEqual("categorical column " + i, v.categorical(i), column.getValuesList().toArray());
    }
    String[] names = c.getLabelNamesList().toArray(String[]::new);
    int[] indexes = c.getLabelIndexesList().stream().mapToInt(Integer::intValue).toArray();
    assertEqual("label names", v.labelNames(), names);
    assertThat(v.labelIndexes()).isEqualTo(indexes);
    assertThat(v.labelCount()).isEqualTo(indexes.length);
    String[] labels = new String[indexes.length];
    for (int i = 0; i < labels.length; i++) {
      if (indexes[i] < 0 || indexes[i] >= names.length) {
        fail("the view accepted label index %d of %d names", indexes[i], names.length);
      }
      labels[i] = names[indexes[i]];
    }
    assertEqual("labels", v.labels(), labels);
  }

  /** Arrays of many values compared at once, described only when they differ. */
  private static void assertEqual(String what, Object[] actual, Object[] expected) {
    if (!Arrays.equals(actual, expected)) {
      assertThat(actual).as(what).containsExactly(expected);
    }
  }
}
