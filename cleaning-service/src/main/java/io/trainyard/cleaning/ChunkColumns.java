package io.trainyard.cleaning;

import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.contracts.events.v1.StringColumn;
import java.util.List;

/** Finds a chunk's columns by name and checks that they hold one value per row. */
final class ChunkColumns {

  private ChunkColumns() {}

  static NumericColumn[] numeric(RowChunk chunk, List<String> names) {
    NumericColumn[] out = new NumericColumn[names.size()];
    List<NumericColumn> cols = chunk.getNumericList();
    for (int j = 0; j < out.length; j++) {
      String name = names.get(j);
      // Columns usually come in schema order: try the same position first.
      NumericColumn c = j < cols.size() && cols.get(j).getName().equals(name) ? cols.get(j) : null;
      for (int k = 0; c == null && k < cols.size(); k++) {
        if (cols.get(k).getName().equals(name)) {
          c = cols.get(k);
        }
      }
      if (c == null) {
        throw new IllegalStateException(
            "chunk " + chunk.getChunkIndex() + " has no numeric column '" + name + "'");
      }
      checkLength(chunk, name, c.getValuesCount());
      out[j] = c;
    }
    return out;
  }

  static StringColumn[] categorical(RowChunk chunk, List<String> names) {
    StringColumn[] out = new StringColumn[names.size()];
    List<StringColumn> cols = chunk.getCategoricalList();
    for (int j = 0; j < out.length; j++) {
      String name = names.get(j);
      StringColumn c = j < cols.size() && cols.get(j).getName().equals(name) ? cols.get(j) : null;
      for (int k = 0; c == null && k < cols.size(); k++) {
        if (cols.get(k).getName().equals(name)) {
          c = cols.get(k);
        }
      }
      if (c == null) {
        throw new IllegalStateException(
            "chunk " + chunk.getChunkIndex() + " has no categorical column '" + name + "'");
      }
      checkLength(chunk, name, c.getValuesCount());
      out[j] = c;
    }
    return out;
  }

  static void checkRows(RowChunk chunk) {
    int n = chunk.getRowIdsCount();
    if (chunk.getSplitsCount() != n) {
      throw new IllegalStateException(
          "chunk "
              + chunk.getChunkIndex()
              + " has "
              + n
              + " row ids but "
              + chunk.getSplitsCount()
              + " splits");
    }
    if (chunk.getLabelsCount() != 0 && chunk.getLabelsCount() != n) {
      throw new IllegalStateException(
          "chunk "
              + chunk.getChunkIndex()
              + " has "
              + n
              + " row ids but "
              + chunk.getLabelsCount()
              + " labels");
    }
  }

  private static void checkLength(RowChunk chunk, String name, int count) {
    if (count != chunk.getRowIdsCount()) {
      throw new IllegalStateException(
          "chunk "
              + chunk.getChunkIndex()
              + " column '"
              + name
              + "' has "
              + count
              + " values for "
              + chunk.getRowIdsCount()
              + " rows");
    }
  }
}
