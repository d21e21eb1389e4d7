package io.trainyard.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void progressRedrawsInPlaceAndBlanksLeftovers() {
    console.progress("abc");
    console.progress("ab");
    assertThat(out()).isEqualTo("\rabc\rab ");
  }

  @Test
  void aLineAfterProgressStartsOnANewLine() {
    console.line("one");
    console.progress("50%");
    console.line("two");
    console.endProgress();
    assertThat(out()).isEqualTo("one\n\r50%\ntwo\n");
  }

  @Test
  void endProgressClosesAnOpenProgressLineOnce() {
    console.progress("x");
    console.endProgress();
    console.endProgress();
    assertThat(out()).isEqualTo("\rx\n");
  }
}
