package org.wikipulse.adapter.registry.wire;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.SchemaRegistry;

/** Reads {@code EditCount} records back, for tests and tools that check an output topic. */
public final class EditCountRecords {
  private static final Map<String, Schema> WRITERS_BY_TEXT = new ConcurrentHashMap<>();

  private EditCountRecords() {}

  /**
   * Decodes one framed output value with the writer schema its header names.
   *
   * @throws IllegalArgumentException if the value is not a well-formed EditCount record
   * @throws WireFormatException if the value is not in the wire format
   */
  public static WindowCount decode(byte[] value, SchemaRegistry registry) {
    WireFormat.Framed framed = WireFormat.unframe(value);
    Schema writer =
        WRITERS_BY_TEXT.computeIfAbsent(registry.schemaById(framed.schemaId()), AvroSchemas::parse);
    GenericDatumReader<GenericRecord> reader =
        new GenericDatumReader<>(writer, AvroSchemas.EDIT_COUNT);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(framed.value(), framed.bodyOffset(), framed.bodyLength(), null);
    try {
      GenericRecord record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IllegalArgumentException("Bytes left over after the EditCount record");
      }
      GenericRecord window = (GenericRecord) record.get("window");
      return new WindowCount(
          instant(window.get("start")),
          instant(window.get("end")),
          Actor.fromLabel(record.get("requested_by").toString()),
          (Long) record.get("counts"));
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "Malformed EditCount record under schema id " + framed.schemaId() + ": " + e, e);
    }
  }

  private static Instant instant(Object epochMillis) {
    // GenericData without conversions gives the long of a timestamp-millis field.
    return Instant.ofEpochMilli((Long) epochMillis);
  }
}
