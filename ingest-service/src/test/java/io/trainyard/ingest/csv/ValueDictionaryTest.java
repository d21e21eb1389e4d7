package io.trainyard.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueDictionaryTest {

  @Test
  void denseIdsInOrderOfFirstSightAndLookupByRange() {
    ValueDictionary d = new ValueDictionary(100);
    assertThat(d.add("b")).isEqualTo(0);
    assertThat(d.add("a")).isEqualTo(1);
    assertThat(d.add("b")).isEqualTo(0);
    char[] text = "xxaxx".toCharArray();
    assertThat(d.find(text, 2, 3)).isEqualTo(1);
    assertThat(d.find(text, 0, 2)).isEqualTo(-1);
    assertThat(d.value(0)).isEqualTo("b");
    assertThat(d.sorted()).containsExactly("a", "b");
  }

  @Test
  void growsPastItsInitialTable() {
    ValueDictionary d = new ValueDictionary(10_000);
    for (int i = 0; i < 5000; i++) {
      assertThat(d.add("v" + i)).isEqualTo(i);
    }
    for (int i = 0; i < 5000; i++) {
      assertThat(d.add("v" + i)).isEqualTo(i);
    }
    assertThat(d.size()).isEqualTo(5000);
    assertThat(d.overflowed()).isFalse();
  }

  @Test
  void stopsAtItsCapacity() {
    ValueDictionary d = new ValueDictionary(2);
    d.add("a");
    d.add("b");
    assertThat(d.add("c")).isEqualTo(-1);
    assertThat(d.overflowed()).isTrue();
    assertThat(d.add("a")).isEqualTo(0);
    assertThat(d.size()).isEqualTo(2);
  }
}
