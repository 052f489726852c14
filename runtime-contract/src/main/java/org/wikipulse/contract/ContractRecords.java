package org.wikipulse.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Writes contract events as a producer would, in the Confluent wire format under a registered
 * writer schema, and makes each kind of bad record from a good one.
 */
public final class ContractRecords {
  /** The input subject, as the topic-name strategy names it for topic {@code wikimedia}. */
  public static final String INPUT_SUBJECT = "wikimedia-value";

  /** An id no case registers. */
  public static final int UNKNOWN_SCHEMA_ID = 999_999;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema NULLABLE_TIMESTAMP = withNullableTimestamp(AvroSchemas.RECENT_CHANGE);

  private final RecentChangeWriter v1;
  private final RecentChangeWriter v2;
  private final RecentChangeWriter nullableTimestamp;

  public ContractRecords(SchemaRegistry registry) {
    this.v1 = new RecentChangeWriter(registry, INPUT_SUBJECT, AvroSchemas.RECENT_CHANGE);
    this.v2 = new RecentChangeWriter(registry, INPUT_SUBJECT, AvroSchemas.RECENT_CHANGE_V2);
    this.nullableTimestamp = new RecentChangeWriter(registry, INPUT_SUBJECT, NULLABLE_TIMESTAMP);
  }

  /** The event under the first version of the input schema. */
  public byte[] v1(EditEvent event) {
    return v1.write(record(event, AvroSchemas.RECENT_CHANGE, true));
  }

  /** The event under the second version, which adds a field with a default. */
  public byte[] v2(EditEvent event) {
    return v2.write(record(event, AvroSchemas.RECENT_CHANGE, true));
  }

  /** A value with no bytes. */
  public static byte[] emptyValue() {
    return new byte[0];
  }

  /** A good record whose first byte is not the magic byte 0. */
  public byte[] badMagicByte(EditEvent event) {
    byte[] value = v1(event);
    value[0] = 1;
    return value;
  }

  /** A good body under a header naming an id that the registry does not have. */
  public byte[] unknownSchemaId(EditEvent event) {
    byte[] value = v1(event);
    ByteBuffer.wrap(value).putInt(1, UNKNOWN_SCHEMA_ID);
    return value;
  }

  /** A good header followed by only the first bytes of the Avro body. */
  public byte[] truncatedAvro(EditEvent event) {
    byte[] value = v1(event);
    return Arrays.copyOf(value, WireFormat.HEADER_LENGTH + 3);
  }

  /** The event under a writer schema whose timestamp may be null, with no timestamp. */
  public byte[] missingEventTime(EditEvent event) {
    return nullableTimestamp.write(record(event, NULLABLE_TIMESTAMP, false));
  }

  /**
   * The event as a RecentChange record with the fields Wikimedia's EventStreams would send for it;
   * every other field is left null, its default.
   */
  static GenericRecord record(EditEvent event, Schema schema, boolean withTimestamp) {
    GenericData.Record meta = new GenericData.Record(schema.getField("meta").schema());
    meta.put("uri", "https://" + event.serverName() + "/wiki/" + event.title().replace(' ', '_'));
    meta.put("id", "contract-" + event.id());
    meta.put("dt", DateTimeFormatter.ISO_INSTANT.format(event.eventTime()));
    meta.put("domain", event.metaDomain());
    meta.put("stream", "mediawiki.recentchange");
    GenericData.Record record = new GenericData.Record(schema);
    record.put("schema_uri", "/mediawiki/recentchange/1.0.0");
    record.put("meta", meta);
    record.put("id", event.id());
    record.put("type", event.type());
    record.put("namespace", event.namespace());
    record.put("title", event.title());
    if (withTimestamp) {
      record.put("timestamp", event.eventTime().getEpochSecond());
    }
    record.put("user", event.user());
    record.put("bot", event.bot());
    record.put("minor", event.minor());
    record.put("length", pair(schema, "length", event.oldLength(), event.newLength()));
    record.put("revision", pair(schema, "revision", event.oldRevision(), event.newRevision()));
    record.put("server_url", "https://" + event.serverName());
    record.put("server_name", event.serverName());
    record.put("server_script_path", "/w");
    record.put("wiki", event.wiki());
    return record;
  }

  private static GenericRecord pair(Schema schema, String field, Long old, Long current) {
    Schema union = schema.getField(field).schema();
    Schema recordSchema =
        union.getTypes().stream().filter(t -> t.getType() == Schema.Type.RECORD).findFirst().get();
    GenericData.Record pair = new GenericData.Record(recordSchema);
    pair.put("old", old);
    pair.put("new", current);
    return pair;
  }

  private static Schema withNullableTimestamp(Schema schema) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
      for (var field : (ArrayNode) root.get("fields")) {
        if ("timestamp".equals(field.get("name").asText())) {
          ObjectNode timestamp = (ObjectNode) field;
          timestamp.set("type", JSON.createArrayNode().add("null").add("long"));
          timestamp.putNull("default");
        }
      }
      return AvroSchemas.parse(root.toString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot derive a schema without event time", e);
    }
  }
}
