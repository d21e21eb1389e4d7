package io.trainyard.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.events.v1.PreparedBatch;
import io.trainyard.contracts.events.v1.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSpoolTest {

  @TempDir Path dir;

  @Test
  void replaysBatchesInOrderAndDeletesItsFile() throws Exception {
    List<PreparedBatch> written = new ArrayList<>();
    try (BatchSpool spool = new BatchSpool(dir, "t-")) {
      for (int i = 0; i < 50; i++) {
        PreparedBatch b =
            PreparedBatch.newBuilder()
                .setSplit(Split.TEST)
                .setBatchIndex(i)
                .setRows(1)
                .setFeatures(2)
                .addX(i)
                .addX(-i)
                .addY(i % 3)
                .addRowIds(i * 10L)
                .build();
        spool.write(b);
        written.add(b);
      }
      assertThat(Files.list(dir).count()).isEqualTo(1);
      List<PreparedBatch> read = new ArrayList<>();
      spool.replay(read::add);
      assertThat(read).isEqualTo(written);
      assertThat(spool.count()).isEqualTo(50);
    }
    assertThat(Files.list(dir).count()).isZero();
  }
}
