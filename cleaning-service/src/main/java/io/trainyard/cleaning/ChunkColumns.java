package io.trainyard.cleaning;

import io.trainyard.toolkit.wire.ChunkView;
import java.util.List;

/** Finds a chunk's columns by name and checks that they hold one value per row. */
final class ChunkColumns {

  private ChunkColumns() {}

  static double[][] numeric(ChunkView chunk, List<String> names) {
    double[][] out = new double[names.size()][];
    for (int j = 0; j < out.length; j++) {
      out[j] = chunk.numeric(names.get(j), j);
    }
    return out;
  }

  static String[][] categorical(ChunkView chunk, List<String> names) {
    String[][] out = new String[names.size()][];
    for (int j = 0; j < out.length; j++) {
      out[j] = chunk.categorical(names.get(j), j);
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
}
