package org.wikipulse.adapter.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.wikipulse.adapter.registry.schema.AvroSchemas;

/** Variants of the RecentChange schema, as other producers might write them. */
public final class WriterSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WriterSchemas() {}

  /** Version 1 with its top-level fields in reverse order. */
  public static Schema reversed() {
    return edit(
        root -> {
          List<JsonNode> fields = new ArrayList<>();
          root.withArray("fields").forEach(fields::add);
          Collections.reverse(fields);
          ArrayNode reversed = root.putArray("fields");
          fields.forEach(reversed::add);
        });
  }

  /** Version 1 with one top-level field's type replaced by a JSON type. */
  public static Schema withFieldType(String field, String typeJson) {
    return edit(root -> topLevelField(root, field).set("type", parse(typeJson)));
  }

  /** Version 1 with {@code timestamp} nullable: {@code ["null","long"]}, default null. */
  public static Schema optionalTimestamp() {
    return edit(
        root -> {
          ObjectNode timestamp = topLevelField(root, "timestamp");
          timestamp.set("type", parse("[\"null\",\"long\"]"));
          timestamp.putNull("default");
        });
  }

  /** Version 1 without one top-level field. */
  public static Schema without(String field) {
    return edit(
        root -> {
          ArrayNode fields = root.withArray("fields");
          for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(field)) {
              fields.remove(i);
              return;
            }
          }
          throw new IllegalArgumentException("No field " + field);
        });
  }

  /** Version 1 with extra fields of every kind inserted at the front, middle and end. */
  public static Schema withExtraFields() {
    return edit(
        root -> {
          ArrayNode fields = root.withArray("fields");
          fields.insert(0, parse("{\"name\":\"x_first\",\"type\":\"string\",\"default\":\"\"}"));
          fields.insert(
              5,
              parse(
                  "{\"name\":\"x_tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"},"
                      + "\"default\":[]}"));
          fields.insert(
              8,
              parse(
                  "{\"name\":\"x_scores\",\"type\":{\"type\":\"map\",\"values\":\"double\"},"
                      + "\"default\":{}}"));
          fields.add(
              parse(
                  "{\"name\":\"x_kind\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Kind\","
                      + "\"symbols\":[\"A\",\"B\"]}],\"default\":null}"));
          fields.add(
              parse(
                  "{\"name\":\"x_hash\",\"type\":{\"type\":\"fixed\",\"name\":\"Hash\",\"size\":4},"
                      + "\"default\":\"\\u0000\\u0000\\u0000\\u0000\"}"));
          fields.add(parse("{\"name\":\"x_raw\",\"type\":\"bytes\",\"default\":\"\"}"));
          fields.add(parse("{\"name\":\"x_ratio\",\"type\":\"float\",\"default\":0.5}"));
          fields.add(parse("{\"name\":\"x_small\",\"type\":\"int\",\"default\":3}"));
        });
  }

  /**
   * Version 1 with the fields of {@code meta}, {@code length} and {@code revision} reversed and an
   * extra field added to each.
   */
  public static Schema nestedReversed() {
    return edit(
        root -> {
          for (String name : List.of("meta", "length", "revision")) {
            JsonNode type = topLevelField(root, name).get("type");
            ObjectNode record = (ObjectNode) (type.isArray() ? type.get(1) : type);
            List<JsonNode> fields = new ArrayList<>();
            record.withArray("fields").forEach(fields::add);
            Collections.reverse(fields);
            fields.add(1, parse("{\"name\":\"x_note\",\"type\":\"string\",\"default\":\"\"}"));
            ArrayNode reversed = record.putArray("fields");
            fields.forEach(reversed::add);
          }
        });
  }

  /**
   * Version 1 with the null branch last in the unions of title, user, wiki and server_name, and id
   * and namespace written as int (which Avro promotes to long).
   */
  public static Schema flippedUnionsAndIntIds() {
    return edit(
        root -> {
          for (String name : List.of("title", "user", "wiki", "server_name")) {
            ObjectNode field = topLevelField(root, name);
            field.set("type", parse("[\"string\",\"null\"]"));
            field.remove("default");
          }
          for (String name : List.of("id", "namespace")) {
            topLevelField(root, name).set("type", parse("[\"null\",\"int\"]"));
          }
        });
  }

  /** Version 1 plus a recursive record type in an extra field, which a read plan cannot skip. */
  public static Schema withRecursiveField() {
    return edit(
        root ->
            root.withArray("fields")
                .insert(
                    2,
                    parse(
                        "{\"name\":\"x_tree\",\"type\":[\"null\",{\"type\":\"record\","
                            + "\"name\":\"Node\",\"fields\":[{\"name\":\"children\","
                            + "\"type\":{\"type\":\"array\",\"items\":\"Node\"}}]}],"
                            + "\"default\":null}")));
  }

  private static Schema edit(Consumer<ObjectNode> change) {
    ObjectNode root = (ObjectNode) parse(AvroSchemas.RECENT_CHANGE.toString());
    change.accept(root);
    return AvroSchemas.parse(root.toString());
  }

  private static ObjectNode topLevelField(ObjectNode root, String name) {
    for (JsonNode field : root.withArray("fields")) {
      if (field.get("name").asText().equals(name)) {
        return (ObjectNode) field;
      }
    }
    throw new IllegalArgumentException("No field " + name);
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
