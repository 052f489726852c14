package org.wikipulse.adapter.registry.wire;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.ports.DecodeResult;

/**
 * Decodes with standard Avro schema resolution from a writer schema to {@link EditEventProjection}.
 * Handles every writer schema Avro can resolve; slower than a read plan. Reads through a {@link
 * BoundedDecoder}, so that a corrupt length is rejected rather than allocated.
 */
final class ResolvingWriterDecoder implements WriterDecoder {
  private final int writerSchemaId;
  private final GenericDatumReader<GenericRecord> reader;
  private final BoundedDecoder bodyDecoder = new BoundedDecoder();
  private GenericRecord reuse;

  ResolvingWriterDecoder(int writerSchemaId, Schema writer) {
    this.writerSchemaId = writerSchemaId;
    this.reader = new GenericDatumReader<>(writer, EditEventProjection.SCHEMA);
  }

  @Override
  public DecodeResult decode(byte[] value, int offset, int length) {
    GenericRecord record;
    try {
      record = reader.read(reuse, bodyDecoder.reset(value, offset, length));
      if (!bodyDecoder.atEnd()) {
        return BodyErrors.trailingBytes(writerSchemaId);
      }
    } catch (IOException | RuntimeException e) {
      return BodyErrors.undecodable(writerSchemaId, e);
    }
    reuse = record;
    Object timestamp = record.get("timestamp");
    if (timestamp == null) {
      return BodyErrors.missingEventTime(writerSchemaId);
    }
    return new DecodeResult.Decoded(RecentChangeRecords.toEditEvent(record), writerSchemaId);
  }
}
