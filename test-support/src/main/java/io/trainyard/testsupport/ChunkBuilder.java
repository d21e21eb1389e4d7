package io.trainyard.testsupport;

import com.google.protobuf.ByteString;
import io.trainyard.contracts.events.v1.DatasetRef;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.Split;
import io.trainyard.contracts.events.v1.StringColumn;
import io.trainyard.toolkit.wire.ChunkView;
import io.trainyard.toolkit.wire.Decimals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one builder of {@link RowChunk}s for tests, in any of the schema's forms: row ids listed
 * ({@link #ids}) or as a run ({@link #idRun}), numeric columns as doubles, floats or packed
 * decimals (as ingest chooses them, {@link #decimals}, or exactly as given, {@link #packed}),
 * categorical columns, labels as the chunk's names and per row an index (from the labels, {@link
 * #labels(String...)}, or as given). Columns come in the order they are added. Nothing is set that
 * is not asked for: a chunk without {@link #ids} or {@link #idRun} has no rows.
 *
 * <pre>{@code
 * RowChunk chunk =
 *     ChunkBuilder.chunk(ref, 0)
 *         .idRun(1, 3)
 *         .splits("TTE")
 *         .decimals("price", 1.5, Double.NaN, 3)
 *         .categorical("colour", "red", "", "blue")
 *         .labels("yes", "no", "yes")
 *         .build();
 * }</pre>
 */
public final class ChunkBuilder {

  private final RowChunk.Builder chunk = RowChunk.newBuilder();

  private ChunkBuilder() {}

  /** An empty chunk: no event id, data set, index, rows or columns. */
  public static ChunkBuilder chunk() {
    return new ChunkBuilder();
  }

  /** Chunk {@code index} of {@code dataset}. */
  public static ChunkBuilder chunk(DatasetRef dataset, long index) {
    return chunk().dataset(dataset).index(index);
  }

  public ChunkBuilder eventId(String eventId) {
    chunk.setEventId(eventId);
    return this;
  }

  public ChunkBuilder dataset(DatasetRef dataset) {
    chunk.setDataset(dataset);
    return this;
  }

  public ChunkBuilder index(long index) {
    chunk.setChunkIndex(index);
    return this;
  }

  /** The row ids, listed. */
  public ChunkBuilder ids(long... ids) {
    chunk.getListedBuilder().clearIds();
    for (long id : ids) {
      chunk.getListedBuilder().addIds(id);
    }
    return this;
  }

  /** The row ids {@code first .. first + count - 1}, as their run (as ingest writes them). */
  public ChunkBuilder idRun(long first, long count) {
    chunk.getConsecutiveBuilder().setFirst(first).setCount(count);
    return this;
  }

  public ChunkBuilder splits(Split... splits) {
    chunk.clearSplits().addAllSplits(Arrays.asList(splits));
    return this;
  }

  /** One split a character: {@code T} train, {@code V} validation, {@code E} test. */
  public ChunkBuilder splits(String codes) {
    return splits(codes.chars().mapToObj(c -> split((char) c)).toArray(Split[]::new));
  }

  /** The split of code {@code c}: {@code T} train, {@code V} validation, {@code E} test. */
  public static Split split(char c) {
    return switch (c) {
      case 'T' -> Split.TRAIN;
      case 'V' -> Split.VALIDATION;
      case 'E' -> Split.TEST;
      default -> throw new IllegalArgumentException("no split '" + c + "' (T, V or E)");
    };
  }

  /** One label a row: the chunk's names are the distinct labels in the order they first come. */
  public ChunkBuilder labels(String... labels) {
    List<String> names = new ArrayList<>();
    int[] indexes = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int k = names.indexOf(labels[i]);
      if (k < 0) {
        k = names.size();
        names.add(labels[i]);
      }
      indexes[i] = k;
    }
    return labels(names, indexes);
  }

  /** The labels as the chunk carries them: its names, and per row the index of its name. */
  public ChunkBuilder labels(List<String> names, int... indexes) {
    chunk.clearLabelNames().addAllLabelNames(names).clearLabelIndexes();
    for (int index : indexes) {
      chunk.addLabelIndexes(index);
    }
    return this;
  }

  /** A numeric column as doubles. */
  public ChunkBuilder doubles(String name, double... values) {
    NumericColumn.Builder column = NumericColumn.newBuilder().setName(name);
    column.getDoublesBuilder();
    for (double v : values) {
      column.getDoublesBuilder().addValues(v);
    }
    return numeric(column.build());
  }

  /**
   * A numeric column as floats (as cleaning writes its cleaned chunks), each number rounded to a
   * float.
   */
  public ChunkBuilder floats(String name, double... values) {
    NumericColumn.Builder column = NumericColumn.newBuilder().setName(name);
    column.getFloatsBuilder();
    for (double v : values) {
      column.getFloatsBuilder().addValues((float) v);
    }
    return numeric(column.build());
  }

  /**
   * A numeric column in the form ingest chooses: packed decimals in the fewest bytes where that is
   * lossless, else doubles ({@link Decimals#column}).
   */
  public ChunkBuilder decimals(String name, double... values) {
    return numeric(Decimals.column(name, values, 0, values.length));
  }

  /** A numeric column of packed decimals exactly as given, valid or not. */
  public ChunkBuilder packed(String name, int scale, int width, int base, byte[] packed) {
    NumericColumn.Builder column = NumericColumn.newBuilder().setName(name);
    column
        .getPackedBuilder()
        .setScale(scale)
        .setWidth(width)
        .setBase(base)
        .setPacked(ByteString.copyFrom(packed));
    return numeric(column.build());
  }

  /** A numeric column as given. */
  public ChunkBuilder numeric(NumericColumn column) {
    chunk.addNumeric(column);
    return this;
  }

  public ChunkBuilder categorical(String name, String... values) {
    chunk.addCategorical(
        StringColumn.newBuilder().setName(name).addAllValues(Arrays.asList(values)));
    return this;
  }

  public RowChunk build() {
    return chunk.build();
  }

  public byte[] toByteArray() {
    return build().toByteArray();
  }

  /** The chunk as the stages read it. */
  public ChunkView view() {
    return ChunkView.parse(toByteArray());
  }
}
