package io.trainyard.labeling;

import io.trainyard.contracts.events.v1.PreparedBatch;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A temporary file of batches, so a split's batches can be published after another split's and each
 * split's batches sit together in the log (a reader of one split reads only that split's records),
 * without holding them on the heap.
 */
public final class BatchSpool implements AutoCloseable {

  private final Path file;
  private DataOutputStream out;
  private long count;

  public BatchSpool(Path dir, String prefix) {
    try {
      Files.createDirectories(dir);
      this.file = Files.createTempFile(dir, prefix, ".spool");
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one batch. */
  public void write(PreparedBatch batch) {
    try {
      out.writeInt(batch.getSerializedSize());
      batch.writeTo(out);
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long count() {
    return count;
  }

  /** Reads the batches back in the order written. */
  public void replay(Consumer<PreparedBatch> sink) {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        for (long i = 0; i < count; i++) {
          int size = in.readInt();
          byte[] bytes = in.readNBytes(size);
          if (bytes.length != size) {
            throw new EOFException("spool " + file + " ends inside batch " + i);
          }
          sink.accept(PreparedBatch.parseFrom(bytes));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the file. */
  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
