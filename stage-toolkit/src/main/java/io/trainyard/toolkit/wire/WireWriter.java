package io.trainyard.toolkit.wire;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Protobuf wire format written into an array sized exactly beforehand: the stages that move rows in
 * bulk (chunks, prepared batches) compute a message's size from primitive arrays, allocate once and
 * write the same bytes the generated serializer gives, without building the message. Tags, varints
 * and lengths are protobuf's own ({@link CodedOutputStream} over the array, its {@code compute*}
 * methods for the sizes); fields are named by the generated {@code *_FIELD_NUMBER} constants. What
 * is already an array of numbers (packed doubles and floats, packed decimals, a payload copied from
 * a chunk read in) goes in as one bulk copy, not a call per value. The static methods size fields;
 * the instance writes them. {@link #finish()} checks that the sizing and the writing agreed.
 *
 * <p>Proto3's rules, as the generated serializer follows them: a singular scalar, string or bytes
 * field at its default is left out, as is a packed repeated field without elements; an embedded
 * message that is set, and an element of a repeated string field, are written even when empty.
 */
public final class WireWriter {

  private final byte[] buf;

  /** Writes from {@link #start} on; a bulk copy moves on to a new one after the copied bytes. */
  private CodedOutputStream out;

  private int start;

  /** A writer of exactly {@code size} bytes; fails when that does not fit an array. */
  public WireWriter(long size) {
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a message of " + size + " bytes does not fit an array");
    }
    this.buf = new byte[(int) size];
    this.out = CodedOutputStream.newInstance(buf);
  }

  /** Bytes a varint of an int64 or uint64 value takes (a row id, a count, a length). */
  public static int int64SizeNoTag(long v) {
    return CodedOutputStream.computeUInt64SizeNoTag(v);
  }

  /** Bytes an int32 or enum varint takes: a negative value is sign-extended to 10 bytes. */
  public static int int32SizeNoTag(int v) {
    return CodedOutputStream.computeInt32SizeNoTag(v);
  }

  /**
   * Bytes a length-delimited field of {@code length} bytes takes whatever its length: an embedded
   * message that is set, an element of a repeated string or bytes field.
   */
  public static long messageSize(int field, long length) {
    return CodedOutputStream.computeTagSize(field) + int64SizeNoTag(length) + length;
  }

  /**
   * Bytes a singular string or bytes field, or a packed repeated field, of {@code length} bytes
   * takes: none when empty.
   */
  public static long bytesSize(int field, long length) {
    return length == 0 ? 0 : messageSize(field, length);
  }

  /** Bytes a singular int64 field takes: none when 0. */
  public static int int64Size(int field, long value) {
    return value == 0 ? 0 : CodedOutputStream.computeInt64Size(field, value);
  }

  /** Bytes a singular int32 or enum field takes: none when 0. */
  public static int int32Size(int field, int value) {
    return value == 0 ? 0 : CodedOutputStream.computeInt32Size(field, value);
  }

  /** Bytes a singular sint32 field takes: none when 0. */
  public static int sint32Size(int field, int value) {
    return value == 0 ? 0 : CodedOutputStream.computeSInt32Size(field, value);
  }

  /** A singular int64 field, left out when 0. */
  public void int64(int field, long value) {
    if (value != 0) {
      try {
        out.writeInt64(field, value);
      } catch (IOException e) {
        throw overrun(e);
      }
    }
  }

  /** A singular int32 or enum field, left out when 0. */
  public void int32(int field, int value) {
    if (value != 0) {
      try {
        out.writeInt32(field, value);
      } catch (IOException e) {
        throw overrun(e);
      }
    }
  }

  /** A singular sint32 field, left out when 0. */
  public void sint32(int field, int value) {
    if (value != 0) {
      try {
        out.writeSInt32(field, value);
      } catch (IOException e) {
        throw overrun(e);
      }
    }
  }

  /**
   * The tag and length of a length-delimited field whose {@code length} bytes follow: an embedded
   * message, or a packed repeated field's elements.
   */
  public void lengthDelimited(int field, long length) {
    try {
      out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt64NoTag(length);
    } catch (IOException e) {
      throw overrun(e);
    }
  }

  /** A singular string or bytes field, left out when empty. */
  public void bytes(int field, byte[] value) {
    if (value.length > 0) {
      element(field, value);
    }
  }

  /** An element of a repeated string or bytes field, or a message's bytes: written when empty. */
  public void element(int field, byte[] value) {
    try {
      out.writeByteArray(field, value);
    } catch (IOException e) {
      throw overrun(e);
    }
  }

  /** A varint of an int64 or uint64 value: an element of a packed repeated int64 field. */
  public void int64NoTag(long v) {
    try {
      out.writeUInt64NoTag(v);
    } catch (IOException e) {
      throw overrun(e);
    }
  }

  /** An int32 or enum varint, sign-extended as protobuf writes it: a packed element. */
  public void int32NoTag(int v) {
    try {
      out.writeInt32NoTag(v);
    } catch (IOException e) {
      throw overrun(e);
    }
  }

  /** Bytes {@code [from, to)} of {@code source}, as they are. */
  public void copy(byte[] source, int from, int to) {
    try {
      out.writeRawBytes(source, from, to - from);
    } catch (IOException e) {
      throw overrun(e);
    }
  }

  /** {@code count} doubles, little-endian, as a packed repeated double's payload. */
  public void doubles(double[] values, int count) {
    int at = bulk(8L * count);
    ByteBuffer.wrap(buf, at, 8 * count)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asDoubleBuffer()
        .put(values, 0, count);
  }

  /** {@code count} floats, little-endian, as a packed repeated float's payload. */
  public void floats(float[] values, int count) {
    int at = bulk(4L * count);
    ByteBuffer.wrap(buf, at, 4 * count)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .put(values, 0, count);
  }

  /**
   * Lets {@code filler} write {@code length} bytes straight into the array at the current position
   * (for a payload that is already in wire form elsewhere, as a spool's packed decimals).
   */
  public void fill(int length, Filler filler) {
    filler.fill(buf, bulk(length));
  }

  /**
   * Makes room for {@code length} bytes written straight into the array: returns where they go and
   * carries on writing after them.
   */
  private int bulk(long length) {
    int at = position();
    if (length > buf.length - at) {
      throw new IllegalStateException(
          "writing " + length + " bytes at " + at + " of a message sized " + buf.length);
    }
    start = at + (int) length;
    out = CodedOutputStream.newInstance(buf, start, buf.length - start);
    return at;
  }

  private int position() {
    return start + out.getTotalBytesWritten();
  }

  /** The message; fails when fewer or more bytes were written than sized. */
  public byte[] finish() {
    if (position() != buf.length) {
      throw new IllegalStateException(
          "wrote " + position() + " bytes of a message sized " + buf.length);
    }
    return buf;
  }

  private IllegalStateException overrun(IOException e) {
    return new IllegalStateException(
        "wrote past the end of a message sized " + buf.length + ": " + e.getMessage(), e);
  }

  /** Writes bytes into an array at an offset. */
  @FunctionalInterface
  public interface Filler {
    void fill(byte[] into, int at);
  }
}
