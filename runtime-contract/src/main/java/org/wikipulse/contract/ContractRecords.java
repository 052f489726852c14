package org.wikipulse.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.wikipulse.adapter.registry.RecentChangeJson;
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

  private final RecentChangeJson v1Json = new RecentChangeJson(AvroSchemas.RECENT_CHANGE);
  private final RecentChangeJson nullableTimestampJson = new RecentChangeJson(NULLABLE_TIMESTAMP);
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
    return v1.write(v1Json.fromJson(json(event).toString(), 1));
  }

  /** The event under the second version, which adds a field with a default. */
  public byte[] v2(EditEvent event) {
    return v2.write(v1Json.fromJson(json(event).toString(), 1));
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
    ObjectNode json = json(event);
    json.remove("timestamp");
    return nullableTimestamp.write(nullableTimestampJson.fromJson(json.toString(), 1));
  }

  /** The event as Wikimedia's EventStreams would send it. */
  static ObjectNode json(EditEvent event) {
    ObjectNode json = JSON.createObjectNode();
    json.put("$schema", "/mediawiki/recentchange/1.0.0");
    ObjectNode meta = json.putObject("meta");
    meta.put("uri", "https://" + event.serverName() + "/wiki/" + event.title().replace(' ', '_'));
    meta.put("id", "contract-" + event.id());
    meta.put("dt", DateTimeFormatter.ISO_INSTANT.format(event.eventTime()));
    meta.put("domain", event.metaDomain());
    meta.put("stream", "mediawiki.recentchange");
    json.put("id", event.id());
    json.put("type", event.type());
    json.put("namespace", event.namespace());
    json.put("title", event.title());
    json.put("timestamp", event.eventTime().getEpochSecond());
    json.put("user", event.user());
    if (event.bot() != null) {
      json.put("bot", event.bot());
    }
    json.put("minor", event.minor());
    json.putObject("length").put("old", event.oldLength()).put("new", event.newLength());
    json.putObject("revision").put("old", event.oldRevision()).put("new", event.newRevision());
    json.put("server_url", "https://" + event.serverName());
    json.put("server_name", event.serverName());
    json.put("server_script_path", "/w");
    json.put("wiki", event.wiki());
    return json;
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
