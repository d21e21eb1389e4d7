package io.trainyard.ingest.csv;

import java.util.Arrays;

/**
 * The distinct values of a column, looked up by character range so that a value already seen costs
 * no allocation, and capped: past {@code capacity} distinct values it stops growing and reports
 * {@link #overflowed()}. Ids are dense, in order of first sight.
 */
public final class ValueDictionary {

  private final int capacity;
  private String[] values = new String[16];
  private int[] hashes = new int[16];
  private int size;
  private boolean overflowed;

  /** Open addressing over ids + 1 (0 = empty slot). */
  private int[] table = new int[32];

  public ValueDictionary(int capacity) {
    this.capacity = capacity;
  }

  /** The id of the value in [from, to) of {@code a}, adding it if new; -1 once full. */
  public int add(char[] a, int from, int to) {
    int h = hash(a, from, to);
    int mask = table.length - 1;
    int slot = h & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int id = entry - 1;
      if (hashes[id] == h && equals(values[id], a, from, to)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    if (size >= capacity) {
      overflowed = true;
      return -1;
    }
    int id = size++;
    if (id == values.length) {
      values = Arrays.copyOf(values, id * 2);
      hashes = Arrays.copyOf(hashes, id * 2);
    }
    values[id] = new String(a, from, to - from);
    hashes[id] = h;
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  /** The id of {@code value}, adding it if new; -1 once full. */
  public int add(String value) {
    char[] a = value.toCharArray();
    return add(a, 0, a.length);
  }

  /** The id of a value already added, or -1. */
  public int find(char[] a, int from, int to) {
    int h = hash(a, from, to);
    int mask = table.length - 1;
    int slot = h & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int id = entry - 1;
      if (hashes[id] == h && equals(values[id], a, from, to)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The value with id {@code id}. */
  public String value(int id) {
    return values[id];
  }

  /** Distinct values held. */
  public int size() {
    return size;
  }

  /** Whether a value was refused because the dictionary was full. */
  public boolean overflowed() {
    return overflowed;
  }

  /** The values, sorted. */
  public String[] sorted() {
    String[] out = Arrays.copyOf(values, size);
    Arrays.sort(out);
    return out;
  }

  private void rehash() {
    int[] next = new int[table.length * 2];
    int mask = next.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (next[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      next[slot] = id + 1;
    }
    table = next;
  }

  private static int hash(char[] a, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + a[i];
    }
    return h ^ (h >>> 16);
  }

  private static boolean equals(String s, char[] a, int from, int to) {
    int n = to - from;
    if (s.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) != a[from + i]) {
        return false;
      }
    }
    return true;
  }
}
