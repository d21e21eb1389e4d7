package io.trainyard.cleaning;

import io.trainyard.contracts.wire.ChunkView;
import java.util.List;

/** Finds a chunk's columns by name and checks that they hold one value per row. */
final class ChunkColumns {

  private ChunkColumns() {}

  static double[][] numeric(ChunkView chunk, List<String> names) {
    double[][] out = new double[names.size()][];
    int count = chunk.numericCount();
    for (int j = 0; j < out.length; j++) {
      String name = names.get(j);
      // Columns usually come in schema order: try the same position first.
      int at = j < count && chunk.numericName(j).equals(name) ? j : -1;
      for (int k = 0; at < 0 && k < count; k++) {
        if (chunk.numericName(k).equals(name)) {
          at = k;
        }
      }
      if (at < 0) {
        throw new IllegalStateException(
            "chunk " + chunk.chunkIndex() + " has no numeric column '" + name + "'");
      }
      checkLength(chunk, name, chunk.numeric(at).length);
      out[j] = chunk.numeric(at);
    }
    return out;
  }

  static String[][] categorical(ChunkView chunk, List<String> names) {
    String[][] out = new String[names.size()][];
    int count = chunk.categoricalCount();
    for (int j = 0; j < out.length; j++) {
      String name = names.get(j);
      int at = j < count && chunk.categoricalName(j).equals(name) ? j : -1;
      for (int k = 0; at < 0 && k < count; k++) {
        if (chunk.categoricalName(k).equals(name)) {
          at = k;
        }
      }
      if (at < 0) {
        throw new IllegalStateException(
            "chunk " + chunk.chunkIndex() + " has no categorical column '" + name + "'");
      }
      checkLength(chunk, name, chunk.categorical(at).length);
      out[j] = chunk.categorical(at);
    }
    return out;
  }

  static void checkRows(ChunkView chunk) {
    int n = chunk.rows();
    if (chunk.splits().length != n) {
      throw new IllegalStateException(
          "chunk "
              + chunk.chunkIndex()
              + " has "
              + n
              + " row ids but "
              + chunk.splits().length
              + " splits");
    }
    if (chunk.labelCount() != 0 && chunk.labelCount() != n) {
      throw new IllegalStateException(
          "chunk "
              + chunk.chunkIndex()
              + " has "
              + n
              + " row ids but "
              + chunk.labelCount()
              + " labels");
    }
  }

  private static void checkLength(ChunkView chunk, String name, int count) {
    if (count != chunk.rows()) {
      throw new IllegalStateException(
          "chunk "
              + chunk.chunkIndex()
              + " column '"
              + name
              + "' has "
              + count
              + " values for "
              + chunk.rows()
              + " rows");
    }
  }
}
