package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.testsupport.ChunkBuilder;
import io.trainyard.toolkit.wire.ChunkView;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelColumnTest {

  /** Random labels: the classes, near misses, empty and non-ASCII ones. */
  private static ChunkView chunk(List<String> classes, SplittableRandom rnd, int rows) {
    String[] labels = new String[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] =
          switch (rnd.nextInt(6)) {
            case 0 -> "";
            case 1 -> classes.get(rnd.nextInt(classes.size())) + "x";
            case 2 -> "é" + rnd.nextInt(3);
            default -> classes.get(rnd.nextInt(classes.size()));
          };
    }
    return ChunkBuilder.chunk().idRun(0, rows).splits("T".repeat(rows)).labels(labels).view();
  }

  @Test
  void aRowsLabelIsItsClassIndexWhetherMatchedByBytesOrByString() {
    SplittableRandom rnd = new SplittableRandom(7);
    // Few classes are matched by their bytes, many through a map of strings: both as the other.
    for (int count : new int[] {2, 3, LabelColumn.BY_BYTES, LabelColumn.BY_BYTES + 5}) {
      List<String> categories = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        categories.add(k % 3 == 0 ? "é" + k : "c" + k);
      }
      categories.add(""); // not a class
      LabelColumn column = new LabelColumn(categories);
      ChunkView chunk = chunk(categories.subList(0, count), rnd, 500);

      int[] labels = column.labels(chunk);

      String[] text = chunk.labels();
      for (int i = 0; i < text.length; i++) {
        assertThat(labels[i])
            .as("%d classes, row %d", count, i)
            .isEqualTo(column.classes().indexOf(text[i]));
      }
      assertThat(labels).contains(-1, 0, count - 1);
    }
  }
}
