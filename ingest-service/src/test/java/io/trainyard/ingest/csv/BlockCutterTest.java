package io.trainyard.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Blocks are the stream, in order, cut only after a line break outside quoted fields. */
class BlockCutterTest {

  @Test
  void blocksAreTheStreamCutAtLineBreaksOutsideQuotes() throws IOException {
    SplittableRandom rnd = new SplittableRandom(11);
    String[] pieces = {"a", ",", "\"", "\"\"", "\n", "\r", "\r\n", "12.5", "é"};
    for (int n = 0; n < 300; n++) {
      StringBuilder text = new StringBuilder();
      int len = rnd.nextInt(2000);
      for (int i = 0; i < len; i++) {
        text.append(pieces[rnd.nextInt(pieces.length)]);
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      BlockCutter cutter = new BlockCutter(new ByteArrayInputStream(bytes), 16 + rnd.nextInt(200));
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      int quotes = 0;
      BlockCutter.Block block = cutter.next();
      while (block != null) {
        assertThat(block.length()).isPositive();
        joined.write(block.bytes(), 0, block.length());
        quotes += BlockCutter.countQuotes(block.bytes(), 0, block.length());
        BlockCutter.Block next = cutter.next();
        if (next != null) {
          // Not the last: ends with a line break, outside quotes, and never between CR and LF.
          byte last = block.bytes()[block.length() - 1];
          assertThat(last == '\n' || last == '\r').isTrue();
          assertThat(quotes % 2).isZero();
          if (last == '\r') {
            assertThat(next.bytes()[0]).isNotEqualTo((byte) '\n');
          }
        }
        block = next;
      }
      assertThat(joined.toByteArray()).isEqualTo(bytes);
    }
  }

  @Test
  void aQuotedFieldLongerThanABlockGrowsTheBlock() throws IOException {
    String field = "\"" + "line\n".repeat(100) + "\"";
    byte[] bytes = ("a,b\n1," + field + "\n2,3\n").getBytes(StandardCharsets.UTF_8);
    BlockCutter cutter = new BlockCutter(new ByteArrayInputStream(bytes), 16);
    assertThat(new String(cutter.next().bytes(), 0, 4, StandardCharsets.US_ASCII))
        .isEqualTo("a,b\n");
    BlockCutter.Block big = cutter.next();
    assertThat(new String(big.bytes(), 0, big.length(), StandardCharsets.UTF_8))
        .startsWith("1," + field + "\n");
  }

  @Test
  void bytesAreCountedEightAtATimeAsOneByOne() {
    SplittableRandom rnd = new SplittableRandom(5);
    // Quotes (the cutter's parity) and line breaks (a parsed block's capacity), and a high byte.
    for (byte c : new byte[] {'"', '\n', (byte) 0xC3}) {
      for (int n = 0; n < 1000; n++) {
        byte[] b = new byte[rnd.nextInt(100)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) (rnd.nextInt(4) == 0 ? c : rnd.nextInt(256));
        }
        int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
        int to = from + (b.length == from ? 0 : rnd.nextInt(b.length - from + 1));
        int expected = 0;
        for (int i = from; i < to; i++) {
          expected += b[i] == c ? 1 : 0;
        }
        assertThat(BlockCutter.count(b, from, to, c)).isEqualTo(expected);
        if (c == '"') {
          assertThat(BlockCutter.countQuotes(b, from, to)).isEqualTo(expected);
        }
      }
    }
  }
}
