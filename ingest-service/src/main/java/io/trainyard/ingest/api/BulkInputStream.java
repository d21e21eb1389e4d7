package io.trainyard.ingest.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * An {@link InputStream} that only knows how to read in bulk: its single-byte {@link #read()} goes
 * through {@link #read(byte[], int, int)} (the upload's streams are read in blocks; this is for
 * completeness).
 */
abstract class BulkInputStream extends InputStream {

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
