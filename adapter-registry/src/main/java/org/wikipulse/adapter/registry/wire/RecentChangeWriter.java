package org.wikipulse.adapter.registry.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Writes RecentChange records in the Confluent wire format under one writer schema, registering
 * that schema under a subject on first use and keeping its id. A record of another schema version
 * is copied to the writer schema by field name first. Not thread-safe: one instance per thread.
 */
public final class RecentChangeWriter {
  private final SchemaRegistry registry;
  private final String subject;
  private final Schema writerSchema;
  private final GenericDatumWriter<GenericRecord> datumWriter;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private BinaryEncoder encoder;
  private int schemaId = -1;

  /**
   * @param registry where the writer schema is registered
   * @param subject the subject to register it under, such as {@code recentchange-value}
   * @param writerSchema the schema records are written with
   */
  public RecentChangeWriter(SchemaRegistry registry, String subject, Schema writerSchema) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.writerSchema = Objects.requireNonNull(writerSchema, "writerSchema");
    this.datumWriter = new GenericDatumWriter<>(writerSchema);
  }

  /** The schema records are written with. */
  public Schema writerSchema() {
    return writerSchema;
  }

  /** The writer schema's id, registering it if this writer has not yet. */
  public int schemaId() {
    if (schemaId < 0) {
      schemaId = registry.register(subject, writerSchema.toString());
    }
    return schemaId;
  }

  /**
   * The framed value of one record.
   *
   * @throws IllegalArgumentException if the record lacks a field the writer schema requires
   */
  public byte[] write(GenericRecord record) {
    int id = schemaId();
    GenericRecord conforming =
        record.getSchema().equals(writerSchema)
            ? record
            : RecordConversion.toSchema(record, writerSchema);
    buffer.reset();
    buffer.writeBytes(new byte[WireFormat.HEADER_LENGTH]);
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    try {
      datumWriter.write(conforming, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory cannot fail", e);
    }
    byte[] framed = buffer.toByteArray();
    WireFormat.writeHeader(id, framed);
    return framed;
  }
}
