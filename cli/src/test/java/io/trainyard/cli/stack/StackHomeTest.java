package io.trainyard.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.cli.demo.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHomeTest {

  @TempDir Path tmp;

  @AfterEach
  void clearProperties() {
    System.clearProperty(StackHome.PROPERTY);
    System.clearProperty(ProjectRoot.PROPERTY);
  }

  @Test
  void theCheckoutsDotTrainyardByDefault() throws Exception {
    Files.createDirectories(tmp.resolve("devstack"));
    Files.createDirectories(tmp.resolve("data"));
    System.setProperty(ProjectRoot.PROPERTY, tmp.toString());

    StackHome home = StackHome.locate();
    Path dir = tmp.toAbsolutePath().normalize().resolve(".trainyard");
    assertThat(home.dir()).isEqualTo(dir);
    assertThat(home.stateFile()).isEqualTo(dir.resolve("stack.json"));
    assertThat(home.data()).isEqualTo(dir.resolve("stack"));
    assertThat(home.logs()).isEqualTo(dir.resolve("stack/logs"));
    assertThat(home.lockFile()).isEqualTo(dir.resolve("stack/up.lock"));
  }

  @Test
  void thePropertyNamesAnotherFolder() {
    System.setProperty(ProjectRoot.PROPERTY, "/nowhere");
    System.setProperty(StackHome.PROPERTY, tmp.resolve("elsewhere").toString());
    assertThat(StackHome.locate().dir()).isEqualTo(tmp.resolve("elsewhere"));
  }

  @Test
  void statusReadsTheStateFile() throws Exception {
    StackHome home = new StackHome(tmp);
    assertThat(home.status().kind()).isEqualTo(StackStatus.Kind.NONE);
    StackStatusTest.readyHere().write(home.stateFile());
    assertThat(home.status().kind()).isEqualTo(StackStatus.Kind.UP);
    assertThat(home.status().state().registry()).isEqualTo("127.0.0.1:3");
  }
}
