package io.trainyard.toolkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool gives at most its capacity in whole blocks, allocates each once and reuses it. */
class BlockPoolTest {

  @Test
  void givesWholeBlocksUpToItsCapacityAndReusesThem() {
    BlockPool pool = new BlockPool(250, 100); // two whole blocks
    assertThat(pool.freeBytes()).isEqualTo(200);
    ByteBuffer a = pool.take();
    ByteBuffer b = pool.take();
    assertThat(pool.take()).isNull();
    assertThat(a.isDirect()).isTrue();
    assertThat(a.capacity()).isEqualTo(100);
    assertThat(a.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(pool.inUseBytes()).isEqualTo(200);
    assertThat(pool.freeBytes()).isZero();

    a.put((byte) 7);
    pool.give(List.of(a));
    assertThat(pool.inUseBytes()).isEqualTo(100);
    ByteBuffer again = pool.take();
    assertThat(again).isSameAs(a);
    assertThat(again.position()).isZero(); // cleared
    assertThat(again.remaining()).isEqualTo(100);
    pool.give(List.of(again, b));
    assertThat(pool.allocatedBytes()).isEqualTo(200);
    assertThat(pool.freeBytes()).isEqualTo(200);
  }

  @Test
  void aPoolWithoutCapacityGivesNothing() {
    assertThat(new BlockPool(0, 100).take()).isNull();
    assertThat(new BlockPool(99, 100).take()).isNull();
    assertThatThrownBy(() -> new BlockPool(100, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
