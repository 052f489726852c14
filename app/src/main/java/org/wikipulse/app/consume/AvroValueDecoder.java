package org.wikipulse.app.consume;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.BoundedAvroReader;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.adapter.registry.wire.WireFormatException;
import org.wikipulse.ports.SchemaNotFoundException;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Decodes any Confluent Avro value with its own writer schema, fetched once per schema id, through
 * the registry adapter's bounded reader: the values printed are often the ones that failed
 * elsewhere (dead letters), so a corrupt length must give an error line, never an allocation of
 * what it claims.
 */
final class AvroValueDecoder {
  private final SchemaRegistry registry;
  private final Map<Integer, BoundedAvroReader> readers = new HashMap<>();

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
    BoundedAvroReader reader;
    try {
      reader = readers.computeIfAbsent(id, this::readerFor);
    } catch (SchemaParseException e) {
      return new Result(id, null, "schema id " + id + " is not an Avro schema: " + e.getMessage());
    } catch (SchemaNotFoundException e) {
      return new Result(id, null, "the registry has no schema with id " + id);
    }
    Object value;
    try {
      value = reader.read(framed.value(), framed.bodyOffset(), framed.bodyLength());
    } catch (IllegalArgumentException e) {
      return new Result(
          id, null, "Avro body does not match schema id " + id + ": " + e.getMessage());
    }
    if (!(value instanceof GenericRecord record)) {
      return new Result(id, null, "schema id " + id + " is not a record schema: " + value);
    }
    return new Result(id, record, null);
  }

  private BoundedAvroReader readerFor(int id) {
    Schema schema = AvroSchemas.parse(registry.schemaById(id));
    return new BoundedAvroReader(schema);
  }
}
