package io.trainyard.cleaning;

/** 64-bit hashes of rows, built column by column (so a chunk is hashed without boxing). */
final class RowHasher {

  static final long SEED = 0x5EED_C1EA_0000_0001L;

  private RowHasher() {}

  /** Folds a numeric value in; 0.0 and -0.0 hash alike, and every NaN hashes alike. */
  static long mix(long h, double v) {
    long bits = v == 0.0 ? 0L : Double.doubleToLongBits(v);
    return mixBits(h, bits);
  }

  /** Folds a string in (FNV-1a over its characters, then mixed). */
  static long mix(long h, String s) {
    long f = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      f ^= s.charAt(i);
      f *= 0x100000001b3L;
    }
    // The length keeps ("ab","c") apart from ("a","bc").
    return mixBits(mixBits(h, f), s.length());
  }

  static long mixBits(long h, long bits) {
    h ^= fmix64(bits);
    h *= 0x9E3779B97F4A7C15L;
    return Long.rotateLeft(h, 29);
  }

  /** MurmurHash3's 64-bit finalizer. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
