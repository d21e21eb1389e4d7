package io.trainyard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

  @TempDir Path tmp;

  @Test
  void walksUpToTheFolderHoldingDevstackAndData() throws Exception {
    Files.createDirectories(tmp.resolve("devstack"));
    Files.createDirectories(tmp.resolve("data/breast-cancer"));
    Path deep = Files.createDirectories(tmp.resolve("cli/target/x"));
    assertThat(ProjectRoot.find(deep)).isEqualTo(tmp.toAbsolutePath().normalize());
    assertThat(ProjectRoot.find(tmp)).isEqualTo(tmp.toAbsolutePath().normalize());
  }

  @Test
  void aFolderWithOnlyOneOfThemIsNotTheRoot() throws Exception {
    Path lonely = Files.createDirectories(tmp.resolve("a/devstack")).getParent();
    assertThatThrownBy(() -> ProjectRoot.find(lonely))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("devstack/ and data/");
  }
}
