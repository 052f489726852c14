package org.wikipulse.app.consume;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.adapter.registry.wire.WireFormatException;
import org.wikipulse.ports.SchemaNotFoundException;
import org.wikipulse.ports.SchemaRegistry;

/** Decodes any Confluent Avro value with its own writer schema, fetched once per schema id. */
final class AvroValueDecoder {
  private final SchemaRegistry registry;
  private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
  private BinaryDecoder decoder;

  AvroValueDecoder(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** The outcome of decoding one value. */
  record Result(Integer schemaId, GenericRecord value, String error) {}

  Result decode(byte[] bytes) {
    WireFormat.Framed framed;
    try {
      framed = WireFormat.unframe(bytes);
    } catch (WireFormatException e) {
      return new Result(null, null, e.getMessage());
    }
    int id = framed.schemaId();
    GenericDatumReader<GenericRecord> reader;
    try {
      reader = readers.computeIfAbsent(id, this::readerFor);
    } catch (SchemaParseException e) {
      return new Result(id, null, "schema id " + id + " is not an Avro schema: " + e.getMessage());
    } catch (SchemaNotFoundException e) {
      return new Result(id, null, "the registry has no schema with id " + id);
    }
    decoder =
        DecoderFactory.get()
            .binaryDecoder(framed.value(), framed.bodyOffset(), framed.bodyLength(), decoder);
    try {
      GenericRecord record = reader.read(null, decoder);
      return new Result(id, record, null);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      return new Result(id, null, "Avro body does not match schema id " + id + ": " + e);
    }
  }

  private GenericDatumReader<GenericRecord> readerFor(int id) {
    Schema schema = AvroSchemas.parse(registry.schemaById(id));
    return new GenericDatumReader<>(schema);
  }
}
