package org.wikipulse.adapter.kstreams;

import java.nio.ByteBuffer;

/** The byte layouts of the processors' store entries. */
final class StateCodec {
  private StateCodec() {}

  static byte[] longs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length);
    for (long value : values) {
      buffer.putLong(value);
    }
    return buffer.array();
  }

  static long[] longsOf(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long[] values = new long[bytes.length / 8];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getLong();
    }
    return values;
  }

  /** A window store key: the source, then the window start. */
  static byte[] sourceWindowKey(int source, long windowStartMs) {
    return ByteBuffer.allocate(12).putInt(source).putLong(windowStartMs).array();
  }

  static int sourceOfKey(byte[] key) {
    return ByteBuffer.wrap(key).getInt();
  }

  static long windowStartOfKey(byte[] key) {
    return ByteBuffer.wrap(key).getLong(4);
  }

  static byte[] sourceKey(int source) {
    return ByteBuffer.allocate(4).putInt(source).array();
  }
}
