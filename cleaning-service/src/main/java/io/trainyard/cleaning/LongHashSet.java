package io.trainyard.cleaning;

/**
 * An open-addressing set of {@code long}s without boxing: about 16 bytes per element at most, so a
 * million row hashes take about 16 MiB.
 */
public final class LongHashSet {

  private static final long EMPTY = 0L;

  private long[] table;
  private int size;
  private boolean hasZero;

  public LongHashSet(int expected) {
    int cap = 16;
    while (cap < expected * 2L && cap < (1 << 30)) {
      cap <<= 1;
    }
    table = new long[cap];
  }

  /** Adds {@code key}; false when it was already there. */
  public boolean add(long key) {
    if (key == EMPTY) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    if ((size + 1) * 2L > table.length) {
      grow();
    }
    if (!insert(table, key)) {
      return false;
    }
    size++;
    return true;
  }

  public boolean contains(long key) {
    if (key == EMPTY) {
      return hasZero;
    }
    int mask = table.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = table[i];
      if (k == EMPTY) {
        return false;
      }
      if (k == key) {
        return true;
      }
    }
  }

  public int size() {
    return size;
  }

  private static boolean insert(long[] t, long key) {
    int mask = t.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = t[i];
      if (k == EMPTY) {
        t[i] = key;
        return true;
      }
      if (k == key) {
        return false;
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long k : table) {
      if (k != EMPTY) {
        insert(bigger, k);
      }
    }
    table = bigger;
  }
}
