package org.wikipulse.app.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;

/**
 * Converts recentchange events between their JSON form (one event per line, as Wikimedia's
 * EventStreams serves them) and RecentChange Avro records, driven by the Avro schema: unknown JSON
 * properties are ignored, a missing optional field takes its default, a field whose JSON name is
 * not a legal Avro name carries it in the {@code json_name} property (such as {@code $schema}), and
 * a field marked {@code json_text} holds the JSON text of whatever value the event carries (such as
 * {@code log_params}, an array, object or string). Thread-safe.
 */
public final class RecentChangeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String JSON_NAME = "json_name";
  private static final String JSON_TEXT = "json_text";

  private final Schema schema;

  /** Converts to and from {@link AvroSchemas#RECENT_CHANGE}. */
  public RecentChangeJson() {
    this(AvroSchemas.RECENT_CHANGE);
  }

  /** Converts to and from another version of RecentChange. */
  public RecentChangeJson(Schema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  public Schema schema() {
    return schema;
  }

  /**
   * Converts one JSON line.
   *
   * @param lineNumber the line's 1-based number, for the error message
   * @throws RecentChangeJsonException if the line is not JSON or does not fit the schema
   */
  public GenericRecord fromJson(String line, long lineNumber) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new RecentChangeJsonException(
          lineNumber, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new RecentChangeJsonException(lineNumber, "expected a JSON object", null);
    }
    try {
      return record(node, schema, "");
    } catch (IllegalArgumentException e) {
      throw new RecentChangeJsonException(lineNumber, e.getMessage(), e);
    }
  }

  /**
   * Converts every non-blank line of a JSON-lines text.
   *
   * @throws RecentChangeJsonException naming the first bad line
   */
  public List<GenericRecord> readAll(BufferedReader lines) {
    List<GenericRecord> records = new ArrayList<>();
    try {
      long lineNumber = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (!line.isBlank()) {
          records.add(fromJson(line, lineNumber));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the JSON lines", e);
    }
    return records;
  }

  /** The JSON form of a record: null fields are left out, JSON names and JSON texts restored. */
  public ObjectNode toJson(GenericRecord record) {
    ObjectNode object = MAPPER.createObjectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value != null) {
        object.set(jsonName(field), toJsonValue(value, field.schema(), isJsonText(field)));
      }
    }
    return object;
  }

  private GenericRecord record(JsonNode object, Schema recordSchema, String path) {
    GenericData.Record record = new GenericData.Record(recordSchema);
    for (Schema.Field field : recordSchema.getFields()) {
      String fieldPath = path + field.name();
      JsonNode node = object.get(jsonName(field));
      if (node == null || node.isNull()) {
        if (!field.hasDefaultValue()) {
          throw new IllegalArgumentException("missing required field '" + fieldPath + "'");
        }
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else {
        record.put(field.pos(), value(node, field.schema(), isJsonText(field), fieldPath));
      }
    }
    return record;
  }

  private Object value(JsonNode node, Schema valueSchema, boolean jsonText, String path) {
    switch (valueSchema.getType()) {
      case UNION:
        for (Schema branch : valueSchema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return value(node, branch, jsonText, path);
          }
        }
        throw new IllegalArgumentException("field '" + path + "' can only be null");
      case RECORD:
        require(node.isObject(), path, "an object", node);
        return record(node, valueSchema, path + ".");
      case STRING:
        if (jsonText) {
          return node.toString();
        }
        require(node.isTextual(), path, "a string", node);
        return node.textValue();
      case LONG:
        require(node.isIntegralNumber() && node.canConvertToLong(), path, "an integer", node);
        return node.longValue();
      case INT:
        require(node.isIntegralNumber() && node.canConvertToInt(), path, "a 32-bit integer", node);
        return node.intValue();
      case BOOLEAN:
        require(node.isBoolean(), path, "true or false", node);
        return node.booleanValue();
      default:
        throw new IllegalStateException(
            "RecentChangeJson does not convert Avro "
                + valueSchema.getType()
                + " ('"
                + path
                + "')");
    }
  }

  private static void require(boolean ok, String path, String expected, JsonNode actual) {
    if (!ok) {
      throw new IllegalArgumentException(
          "field '" + path + "' must be " + expected + ", was " + actual.getNodeType());
    }
  }

  private JsonNode toJsonValue(Object value, Schema valueSchema, boolean jsonText) {
    switch (valueSchema.getType()) {
      case UNION:
        Schema branch =
            valueSchema.getTypes().get(GenericData.get().resolveUnion(valueSchema, value));
        return toJsonValue(value, branch, jsonText);
      case RECORD:
        return toJson((GenericRecord) value);
      case STRING:
        if (jsonText) {
          try {
            return MAPPER.readTree(value.toString());
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A JSON-text field holds invalid JSON: " + value, e);
          }
        }
        return TextNode.valueOf(value.toString());
      case LONG:
        // Jackson reads integers that fit an int as IntNode; mirror that so trees compare equal.
        long number = (Long) value;
        return number == (int) number ? IntNode.valueOf((int) number) : LongNode.valueOf(number);
      case INT:
        return IntNode.valueOf((Integer) value);
      case BOOLEAN:
        return BooleanNode.valueOf((Boolean) value);
      default:
        throw new IllegalStateException(
            "RecentChangeJson does not convert Avro " + valueSchema.getType());
    }
  }

  private static String jsonName(Schema.Field field) {
    String jsonName = field.getProp(JSON_NAME);
    return jsonName == null ? field.name() : jsonName;
  }

  private static boolean isJsonText(Schema.Field field) {
    return Boolean.TRUE.equals(field.getObjectProp(JSON_TEXT));
  }
}
