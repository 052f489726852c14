package org.wikipulse.adapter.registry.wire;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;

/**
 * Reads Avro bodies of one writer schema into generic values, on untrusted bytes: through {@link
 * BoundedDecoder}, so that a corrupt length or item count fails the read instead of asking for
 * gigabytes (Avro's own {@code BinaryDecoder} allocates what the body claims). For tools that print
 * any topic, such as {@code wikipulse consume}. Not thread-safe: one per thread.
 */
public final class BoundedAvroReader {
  private final GenericDatumReader<Object> reader;
  private final BoundedDecoder decoder = new BoundedDecoder();

  public BoundedAvroReader(Schema writer) {
    this.reader = new GenericDatumReader<>(writer);
  }

  /**
   * The value in {@code value[offset, offset + length)}.
   *
   * @throws IllegalArgumentException if the bytes do not follow the schema's binary encoding, are
   *     cut short, or leave bytes over
   */
  public Object read(byte[] value, int offset, int length) {
    Object read;
    try {
      read = reader.read(null, decoder.reset(value, offset, length));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
    if (!decoder.atEnd()) {
      throw new IllegalArgumentException("bytes left over after the value");
    }
    return read;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
