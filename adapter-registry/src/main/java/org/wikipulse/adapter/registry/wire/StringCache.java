package org.wikipulse.adapter.registry.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of fields with few distinct values (type, wiki, server name, domain), kept by their UTF-8
 * bytes so that decoding one is a hash and a compare instead of a decode and an allocation. Direct
 * mapped: a collision replaces the older entry. Not thread-safe.
 */
final class StringCache {
  private static final int SIZE = 256; // a power of two
  private static final int LONGEST_CACHED = 48;

  private final byte[][] keys = new byte[SIZE][];
  private final String[] values = new String[SIZE];

  String get(byte[] bytes, int offset, int length) {
    if (length > LONGEST_CACHED) {
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
    int hash = length;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + bytes[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, bytes, offset, offset + length)) {
      return values[slot];
    }
    String value = new String(bytes, offset, length, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
    values[slot] = value;
    return value;
  }
}
