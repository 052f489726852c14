package org.wikipulse.adapter.registry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {
  private static final Schema RC = AvroSchemas.RECENT_CHANGE;

  @Test
  void everySchemaResourceParses() {
    assertThat(AvroSchemas.load("avro/RecentChange.avsc").getFullName())
        .isEqualTo("org.wikipulse.avro.RecentChange");
    assertThat(AvroSchemas.load("avro/RecentChangeV2.avsc").getFullName())
        .isEqualTo("org.wikipulse.avro.RecentChange");
    assertThat(AvroSchemas.load("avro/EditCount.avsc").getFullName())
        .isEqualTo("org.wikipulse.avro.EditCount");
  }

  @Test
  void recentChangeHasEveryPropertyOfTheJsonSchemaAndTheUrlsOfRealEvents() throws IOException {
    List<String> yaml = jsonSchemaLines();
    List<String> topLevel = propertyNames(yaml, 0, "properties:", 2);
    List<String> meta = propertyNames(yaml, yaml.indexOf("  meta:"), "    properties:", 6);
    assertThat(topLevel).hasSizeGreaterThan(20).contains("$schema", "log_params", "timestamp");
    assertThat(meta).contains("domain", "dt", "stream", "uri", "id", "request_id");

    assertThat(jsonNames(RC)).containsAll(topLevel).contains("title_url", "notify_url");
    assertThat(jsonNames(RC.getField("meta").schema()))
        .containsAll(meta)
        .contains("topic", "partition", "offset");
    assertThat(RC.getField("schema_uri").getProp("json_name")).isEqualTo("$schema");
  }

  @Test
  void idsRevisionsLengthsLogIdAndTimestampAreLongs() {
    for (String name : List.of("id", "log_id", "timestamp", "namespace")) {
      assertThat(valueType(RC.getField(name).schema())).as(name).isEqualTo(Schema.Type.LONG);
    }
    for (String record : List.of("length", "revision")) {
      Schema schema = nonNullBranch(RC.getField(record).schema());
      for (String name : List.of("old", "new")) {
        assertThat(valueType(schema.getField(name).schema()))
            .as(record + "." + name)
            .isEqualTo(Schema.Type.LONG);
      }
    }
  }

  @Test
  void onlyGuaranteedFieldsAreNotNullableAndEveryOtherFieldDefaultsToNull() {
    Set<String> required = Set.of("type", "timestamp", "meta", "schema_uri");
    for (Schema.Field field : RC.getFields()) {
      if (required.contains(field.name())) {
        assertThat(field.schema().getType()).as(field.name()).isNotEqualTo(Schema.Type.UNION);
      } else {
        assertThat(field.schema().getType()).as(field.name()).isEqualTo(Schema.Type.UNION);
        assertThat(field.schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
        assertThat(field.hasDefaultValue()).as(field.name()).isTrue();
      }
    }
    Schema meta = RC.getField("meta").schema();
    assertThat(meta.getField("dt").schema().getType()).isEqualTo(Schema.Type.STRING);
    assertThat(meta.getField("stream").schema().getType()).isEqualTo(Schema.Type.STRING);
    assertThat(meta.getField("domain").schema().getType()).isEqualTo(Schema.Type.UNION);
  }

  @Test
  void versionTwoAddsOneDefaultedFieldAndIsCompatibleBothWays() {
    Schema v2 = AvroSchemas.RECENT_CHANGE_V2;
    assertThat(v2.getFields()).hasSize(RC.getFields().size() + 1);
    assertThat(compatible(v2, RC)).as("v2 reads v1").isTrue();
    assertThat(compatible(RC, v2)).as("v1 reads v2").isTrue();
  }

  @Test
  void editCountKeepsTheOriginalFieldNamesWithMillisecondTimestamps() {
    Schema editCount = AvroSchemas.EDIT_COUNT;
    assertThat(editCount.getFields())
        .extracting(Schema.Field::name)
        .containsExactly("window", "requested_by", "counts");
    Schema window = editCount.getField("window").schema();
    for (String name : List.of("start", "end")) {
      Schema time = window.getField(name).schema();
      assertThat(time.getType()).isEqualTo(Schema.Type.LONG);
      assertThat(time.getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    }
    assertThat(editCount.getField("requested_by").schema().getType()).isEqualTo(Schema.Type.STRING);
    assertThat(editCount.getField("counts").schema().getType()).isEqualTo(Schema.Type.LONG);
  }

  private static boolean compatible(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }

  private static List<String> jsonNames(Schema record) {
    return record.getFields().stream()
        .map(f -> f.getProp("json_name") == null ? f.name() : f.getProp("json_name"))
        .toList();
  }

  private static Schema.Type valueType(Schema schema) {
    return nonNullBranch(schema).getType();
  }

  private static Schema nonNullBranch(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(t -> t.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> jsonSchemaLines() throws IOException {
    try (InputStream in =
        AvroSchemasTest.class
            .getClassLoader()
            .getResourceAsStream("data/recentchange-1.0.1.schema.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** Property names at an indent, in the first properties block after a line. */
  private static List<String> propertyNames(
      List<String> yaml, int from, String propertiesLine, int indent) {
    Pattern name = Pattern.compile("^ {" + indent + "}([$A-Za-z_]+):\\s*$");
    List<String> names = new ArrayList<>();
    int start = yaml.subList(from, yaml.size()).indexOf(propertiesLine) + from + 1;
    for (String line : yaml.subList(start, yaml.size())) {
      if (!line.isBlank() && line.length() - line.stripLeading().length() < indent) {
        break;
      }
      Matcher matcher = name.matcher(line);
      if (matcher.matches()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
