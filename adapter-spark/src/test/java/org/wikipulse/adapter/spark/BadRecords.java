package org.wikipulse.adapter.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.ports.SchemaRegistry;

/** Record values that cannot be processed, one per dead-letter reason. */
final class BadRecords {
  private final SchemaRegistry registry;

  BadRecords(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** A well-formed value of RecentChange version 1. */
  byte[] valid(GenericRecord event) {
    return new RecentChangeWriter(registry, EventFeed.SUBJECT, AvroSchemas.RECENT_CHANGE)
        .write(event);
  }

  static byte[] truncatedHeader() {
    return new byte[] {0, 0, 1};
  }

  byte[] badMagicByte(GenericRecord event) {
    byte[] value = valid(event);
    value[0] = 1;
    return value;
  }

  byte[] unknownSchemaId(GenericRecord event) {
    byte[] value = valid(event);
    return WireFormat.frame(
        999_999, Arrays.copyOfRange(value, WireFormat.HEADER_LENGTH, value.length));
  }

  /** The header and the first few bytes of a valid body. */
  byte[] truncatedAvro(GenericRecord event) {
    return Arrays.copyOf(valid(event), WireFormat.HEADER_LENGTH + 6);
  }

  /** A writer schema whose {@code type} is an int, which Avro cannot resolve to a string. */
  byte[] incompatibleSchema(long timestamp) {
    Schema writer =
        AvroSchemas.parse(
            "{\"type\":\"record\",\"name\":\"RecentChange\",\"namespace\":\"org.wikipulse.avro\","
                + "\"fields\":[{\"name\":\"type\",\"type\":\"int\"},"
                + "{\"name\":\"timestamp\",\"type\":\"long\"}]}");
    GenericData.Record record = new GenericData.Record(writer);
    record.put("type", 7);
    record.put("timestamp", timestamp);
    return WireFormat.frame(registry.register(EventFeed.SUBJECT, writer.toString()), body(record));
  }

  /** A writer schema without {@code timestamp}: a record of it has no event time. */
  byte[] missingEventTime(GenericRecord event) {
    Schema full = AvroSchemas.RECENT_CHANGE;
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : full.getFields()) {
      if (!field.name().equals("timestamp")) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    Schema withoutTime =
        Schema.createRecord(full.getName(), null, full.getNamespace(), false, fields);
    return new RecentChangeWriter(registry, EventFeed.SUBJECT, withoutTime).write(event);
  }

  private static byte[] body(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
