package org.wikipulse.adapter.registry.wire;

import java.nio.ByteBuffer;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's {@link Decoder} over an {@link AvroCursor}, for Avro's own readers (schema resolution) on
 * untrusted bytes. Avro's {@code BinaryDecoder} allocates a string, bytes or array of the length a
 * body claims before it finds the body too short, so one corrupt length can ask for gigabytes and
 * end the process; here every length and item count is checked against the bytes left first, and
 * fails as a {@link MalformedAvroException}.
 *
 * <p>An array or map block claiming more items than bytes left is rejected: every item takes at
 * least a byte, except items of type null, which have no use in recentchange records.
 */
final class BoundedDecoder extends Decoder {
  private final AvroCursor cursor = new AvroCursor();

  /** Reads the given range from its start; returns this decoder. */
  BoundedDecoder reset(byte[] value, int offset, int length) {
    cursor.reset(value, offset, length);
    return this;
  }

  boolean atEnd() {
    return cursor.atEnd();
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() {
    return cursor.readBoolean();
  }

  @Override
  public int readInt() {
    return cursor.readInt();
  }

  @Override
  public long readLong() {
    return cursor.readLong();
  }

  @Override
  public float readFloat() {
    return cursor.readFloat();
  }

  @Override
  public double readDouble() {
    return cursor.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) {
    int length = cursor.readByteLength();
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    cursor.readBytes(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() {
    return cursor.readString();
  }

  @Override
  public void skipString() {
    cursor.skipBytes();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) {
    int length = cursor.readByteLength();
    ByteBuffer result =
        old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
    cursor.readBytes(result.array(), result.arrayOffset(), length);
    result.limit(length);
    return result;
  }

  @Override
  public void skipBytes() {
    cursor.skipBytes();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) {
    cursor.readBytes(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) {
    cursor.skip(length);
  }

  @Override
  public int readEnum() {
    return cursor.readInt();
  }

  @Override
  public long readArrayStart() {
    return readItemCount();
  }

  @Override
  public long arrayNext() {
    return readItemCount();
  }

  @Override
  public long skipArray() {
    return skipItems();
  }

  @Override
  public long readMapStart() {
    return readItemCount();
  }

  @Override
  public long mapNext() {
    return readItemCount();
  }

  @Override
  public long skipMap() {
    return skipItems();
  }

  @Override
  public int readIndex() {
    return cursor.readInt();
  }

  /** A block's item count; a negative count is followed by the block's size in bytes. */
  private long readItemCount() {
    long count = cursor.readBlockCount();
    if (count < 0) {
      cursor.readBlockCount();
      count = -count;
    }
    return checkedCount(count);
  }

  /** Skips the blocks that state their size; returns the items of the first that does not. */
  private long skipItems() {
    long count = cursor.readBlockCount();
    while (count < 0) {
      long size = cursor.readBlockCount();
      if (size < 0 || size > cursor.remaining()) {
        throw new MalformedAvroException(
            "a block size of " + size + " bytes exceeds the " + cursor.remaining() + " left");
      }
      cursor.skip((int) size);
      count = cursor.readBlockCount();
    }
    return checkedCount(count);
  }

  private long checkedCount(long count) {
    if (count > cursor.remaining()) {
      throw new MalformedAvroException(
          "a block of " + count + " items exceeds the " + cursor.remaining() + " bytes left");
    }
    return count;
  }
}
