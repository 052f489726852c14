package org.wikipulse.adapter.registry.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.EditCountEncoder;

/**
 * Writes output rows as {@code EditCount} records (see {@link AvroSchemas#EDIT_COUNT}) in the
 * Confluent wire format. Not thread-safe: one instance per thread.
 */
final class ConfluentEditCountEncoder implements EditCountEncoder {
  private final int schemaId;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
  private BinaryEncoder encoder;

  /**
   * @param schemaId the registered id of {@link AvroSchemas#EDIT_COUNT}, written in every header
   */
  public ConfluentEditCountEncoder(int schemaId) {
    this.schemaId = schemaId;
  }

  @Override
  public byte[] encode(WindowCount row) {
    buffer.reset();
    buffer.writeBytes(new byte[WireFormat.HEADER_LENGTH]);
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      // The field order of EditCount.avsc: window.start, window.end, requested_by, counts.
      encoder.writeLong(row.windowStart().toEpochMilli());
      encoder.writeLong(row.windowEnd().toEpochMilli());
      encoder.writeString(row.actor().label());
      encoder.writeLong(row.count());
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory cannot fail", e);
    }
    byte[] framed = buffer.toByteArray();
    WireFormat.writeHeader(schemaId, framed);
    return framed;
  }
}
