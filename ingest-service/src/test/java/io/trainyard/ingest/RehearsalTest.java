package io.trainyard.ingest;

import static io.trainyard.contracts.events.v1.ColumnKind.CATEGORICAL;
import static io.trainyard.contracts.events.v1.ColumnKind.LABEL;
import static io.trainyard.contracts.events.v1.ColumnKind.NUMERIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.contracts.spec.SpecParser;
import io.trainyard.ingest.scan.ChunkSpool;
import io.trainyard.ingest.scan.DatasetScanner;
import io.trainyard.ingest.scan.Scan;
import io.trainyard.ingest.scan.SpoolMemory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's synthetic table is one an upload accepts, with the mix of columns it is for. */
class RehearsalTest {

  @TempDir Path dir;

  @Test
  void theSyntheticTableHasNumbersInEveryFormTwoCategoricalsAndThreeClasses() throws IOException {
    Scan scan;
    try (ChunkSpool spool = ChunkSpool.create(dir)) {
      scan =
          new DatasetScanner(1000)
              .scan(
                  new StringReader(Rehearsal.csv(3_000)),
                  SpecParser.parse("{\"name\":\"r\",\"dataset\":{\"label\":\"label\"}}"),
                  spool);
    }
    assertThat(scan.rows()).isEqualTo(3_000);
    assertThat(IntStream.range(0, scan.header().size()).mapToObj(scan::kind))
        .containsExactly(
            NUMERIC,
            NUMERIC,
            NUMERIC,
            NUMERIC,
            NUMERIC,
            CATEGORICAL,
            NUMERIC,
            NUMERIC,
            NUMERIC,
            CATEGORICAL,
            NUMERIC,
            NUMERIC,
            LABEL);
    assertThat(scan.classes()).containsExactly("alpha", "beta", "gamma");
    assertThat(scan.schema().getColumns(9).getCategoriesList())
        .containsExactly("L", "M", "S", "XL", "XS");
    assertThat(Rehearsal.run(1, 3_000, dir, new SpoolMemory(8 << 20))).isPositive();
  }
}
