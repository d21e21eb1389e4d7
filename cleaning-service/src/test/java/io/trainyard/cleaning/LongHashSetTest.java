package io.trainyard.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

  @Test
  void behavesLikeASetThroughGrowth() {
    LongHashSet set = new LongHashSet(4);
    Set<Long> reference = new HashSet<>();
    Random random = new Random(1);
    for (int i = 0; i < 50_000; i++) {
      long v = random.nextInt(30_000) - 15_000L; // repeats, negatives and zero
      assertThat(set.add(v)).isEqualTo(reference.add(v));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    assertThat(set.contains(0)).isEqualTo(reference.contains(0L));
    assertThat(set.contains(1_000_000)).isFalse();
  }
}
