package org.wikipulse.adapter.registry.wire;

import org.wikipulse.ports.DeadLetterReason;

/**
 * The Confluent wire format: magic byte 0, the writer schema id as 4 bytes big-endian, then the
 * Avro binary body.
 */
public final class WireFormat {
  /** The first byte of every framed value. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /**
   * Where a framed value's body lies, without copying it.
   *
   * @param schemaId the writer schema id from the header
   * @param value the whole framed value
   * @param bodyOffset where the Avro body starts in {@code value}
   * @param bodyLength how many bytes the body has
   */
  public record Framed(int schemaId, byte[] value, int bodyOffset, int bodyLength) {}

  /** Frames an Avro body under a schema id. */
  public static byte[] frame(int schemaId, byte[] body) {
    return frame(schemaId, body, 0, body.length);
  }

  /** Frames part of a buffer as the Avro body. */
  public static byte[] frame(int schemaId, byte[] body, int offset, int length) {
    byte[] framed = new byte[HEADER_LENGTH + length];
    writeHeader(schemaId, framed);
    System.arraycopy(body, offset, framed, HEADER_LENGTH, length);
    return framed;
  }

  /** Writes the 5-byte header into the start of {@code target}. */
  public static void writeHeader(int schemaId, byte[] target) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /**
   * Reads the header of a framed value.
   *
   * @throws WireFormatException with reason EMPTY_VALUE, TRUNCATED_HEADER or BAD_MAGIC_BYTE
   */
  public static Framed unframe(byte[] value) {
    if (value == null || value.length == 0) {
      throw new WireFormatException(
          DeadLetterReason.EMPTY_VALUE, "Empty value: expected a Confluent wire-format record");
    }
    if (value.length < HEADER_LENGTH) {
      throw new WireFormatException(
          DeadLetterReason.TRUNCATED_HEADER,
          "Truncated header: the value has "
              + value.length
              + " bytes, fewer than the 5 of magic byte and schema id");
    }
    if (value[0] != MAGIC_BYTE) {
      throw new WireFormatException(
          DeadLetterReason.BAD_MAGIC_BYTE,
          "Bad magic byte " + (value[0] & 0xff) + ": the Confluent wire format starts with 0");
    }
    int schemaId =
        ((value[1] & 0xff) << 24)
            | ((value[2] & 0xff) << 16)
            | ((value[3] & 0xff) << 8)
            | (value[4] & 0xff);
    return new Framed(schemaId, value, HEADER_LENGTH, value.length - HEADER_LENGTH);
  }
}
