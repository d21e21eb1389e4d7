package io.trainyard.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {

  @TempDir Path tmp;

  @Test
  void deletesAFolderWithEverythingUnderIt() throws Exception {
    Path dir = tmp.resolve("stack");
    Files.createDirectories(dir.resolve("kafka/topic-0"));
    Files.writeString(dir.resolve("kafka/topic-0/00000000000000000000.log"), "records");
    Files.writeString(dir.resolve("stack.log"), "log");
    Files.writeString(tmp.resolve("beside.txt"), "kept");

    Folders.deleteQuietly(dir);

    assertThat(dir).doesNotExist();
    assertThat(tmp.resolve("beside.txt")).exists();
  }

  @Test
  void aMissingFolderIsNothingToDo() {
    Folders.deleteQuietly(tmp.resolve("never-made"));
    assertThat(tmp).exists();
  }
}
