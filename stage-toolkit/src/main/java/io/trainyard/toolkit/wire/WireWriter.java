package io.trainyard.toolkit.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Protobuf wire format written into an array sized exactly beforehand: the stages that move rows in
 * bulk (chunks, prepared batches) compute a message's size from primitive arrays, allocate once and
 * write the same bytes the generated serializer gives, without building the message. The static
 * methods size fields; the instance writes them. {@link #finish()} checks that the sizing and the
 * writing agreed.
 */
public final class WireWriter {

  public static final int VARINT = 0;
  public static final int LENGTH_DELIMITED = 2;

  private final byte[] buf;
  private int pos;

  /** A writer of exactly {@code size} bytes; fails when that does not fit an array. */
  public WireWriter(long size) {
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a message of " + size + " bytes does not fit an array");
    }
    this.buf = new byte[(int) size];
  }

  /** Bytes a varint takes. */
  public static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Bytes an int32 or enum varint takes: a negative value is sign-extended to 10 bytes. */
  public static int varint32Size(int v) {
    return v < 0 ? 10 : varintSize(v);
  }

  /** Bytes a singular length-delimited field takes: none when empty (proto3). */
  public static long fieldSize(int field, long length) {
    return length == 0 ? 0 : elementSize(field, length);
  }

  /** Bytes an element of a repeated length-delimited field takes: written even when empty. */
  public static long elementSize(int field, long length) {
    return varintSize((long) field << 3) + varintSize(length) + length;
  }

  /** Bytes a singular varint field takes: none when 0 (proto3). */
  public static int scalarSize(int field, long value) {
    return value == 0 ? 0 : varintSize((long) field << 3) + varintSize(value);
  }

  /** A sint32/sint64 value as its zigzag varint: small magnitudes of either sign stay short. */
  public static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  public void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  /** A varint; an int32 or enum is passed sign-extended, as protobuf writes it. */
  public void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** A singular varint field, left out when 0 (proto3). */
  public void scalarField(int field, long value) {
    if (value != 0) {
      tag(field, VARINT);
      varint(value);
    }
  }

  /** The tag and length of a length-delimited field whose {@code length} bytes follow. */
  public void lengthDelimited(int field, long length) {
    tag(field, LENGTH_DELIMITED);
    varint(length);
  }

  /** A singular length-delimited field, left out when empty (proto3). */
  public void bytesField(int field, byte[] value) {
    if (value.length > 0) {
      element(field, value);
    }
  }

  /** An element of a repeated length-delimited field, written even when empty. */
  public void element(int field, byte[] value) {
    lengthDelimited(field, value.length);
    copy(value, 0, value.length);
  }

  /** Bytes {@code [from, to)} of {@code source}, as they are. */
  public void copy(byte[] source, int from, int to) {
    System.arraycopy(source, from, buf, pos, to - from);
    pos += to - from;
  }

  /** {@code count} doubles, little-endian, as a packed repeated double's payload. */
  public void doubles(double[] values, int count) {
    ByteBuffer.wrap(buf, pos, 8 * count)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asDoubleBuffer()
        .put(values, 0, count);
    pos += 8 * count;
  }

  /** {@code count} floats, little-endian, as a packed repeated float's payload. */
  public void floats(float[] values, int count) {
    ByteBuffer.wrap(buf, pos, 4 * count)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .put(values, 0, count);
    pos += 4 * count;
  }

  /**
   * Lets {@code filler} write {@code length} bytes straight into the array at the current position
   * (for a payload that is already in wire form elsewhere, as a spool's packed doubles).
   */
  public void fill(int length, Filler filler) {
    filler.fill(buf, pos);
    pos += length;
  }

  /** The message; fails when fewer or more bytes were written than sized. */
  public byte[] finish() {
    if (pos != buf.length) {
      throw new IllegalStateException("wrote " + pos + " bytes of a message sized " + buf.length);
    }
    return buf;
  }

  /** Writes bytes into an array at an offset. */
  @FunctionalInterface
  public interface Filler {
    void fill(byte[] into, int at);
  }
}
