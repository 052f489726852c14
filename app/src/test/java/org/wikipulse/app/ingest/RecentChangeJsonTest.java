package org.wikipulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RealEvents;

class RecentChangeJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final RecentChangeJson json = new RecentChangeJson();

  @Test
  void realEventsRoundTripThroughAvroBinaryWithoutLosingAField() throws Exception {
    List<String> lines = new ArrayList<>(RealEvents.lines(RealEvents.SAMPLE));
    lines.addAll(RealEvents.lines(RealEvents.LOG_SAMPLE));
    assertThat(lines).hasSize(102);
    RecentChangeWriter writer =
        new RecentChangeWriter(new InMemorySchemaRegistry(), "rc-value", AvroSchemas.RECENT_CHANGE);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(AvroSchemas.RECENT_CHANGE);

    for (int i = 0; i < lines.size(); i++) {
      byte[] value = writer.write(json.fromJson(lines.get(i), i + 1));
      GenericRecord back =
          reader.read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
      assertThat(json.toJson(back)).as("line " + (i + 1)).isEqualTo(MAPPER.readTree(lines.get(i)));
    }
  }

  /** The test kit's records of the real samples are what this conversion makes of their JSON. */
  @Test
  void theTestKitsRecordsOfTheRealSamplesAreThisConversionsOutput() {
    for (String sample : List.of(RealEvents.SAMPLE, RealEvents.LOG_SAMPLE)) {
      List<String> lines = RealEvents.lines(sample);
      List<GenericRecord> converted = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        converted.add(json.fromJson(lines.get(i), i + 1));
      }

      assertThat(RealEvents.records(sample)).as(sample).isEqualTo(converted);
    }
  }

  @Test
  void logParamsKeepTheirJsonTextWhateverItsKind() {
    List<String> lines = RealEvents.lines(RealEvents.LOG_SAMPLE);

    assertThat(json.fromJson(lines.get(0), 1).get("log_params")).isEqualTo("{\"userid\":47019178}");
    assertThat(json.fromJson(lines.get(1), 2).get("log_params")).isEqualTo("[]");
    GenericRecord stringParams = json.fromJson(minimal().put("log_params", "a b").toString(), 1);
    assertThat(stringParams.get("log_params")).isEqualTo("\"a b\"");
    assertThat(json.toJson(stringParams).get("log_params").textValue()).isEqualTo("a b");
  }

  @Test
  void unknownFieldsAreIgnoredAndMissingOptionalFieldsAreNull() {
    GenericRecord record =
        json.fromJson(minimal().put("not_in_schema", 3).put("bot", true).toString(), 1);

    assertThat(record.get("bot")).isEqualTo(true);
    assertThat(record.get("id")).isNull();
    assertThat(record.get("length")).isNull();
    assertThat(((GenericRecord) record.get("meta")).get("domain")).isNull();
    assertThat(record.get("schema_uri")).isEqualTo("/mediawiki/recentchange/1.0.0");
  }

  @Test
  void aMalformedLineNamesItsNumber() {
    String text = minimal() + "\n\n" + minimal() + "\n{\"type\": \"edit\",\n";

    assertThatThrownBy(() -> json.readAll(new BufferedReader(new StringReader(text))))
        .isInstanceOfSatisfying(
            RecentChangeJsonException.class, e -> assertThat(e.lineNumber()).isEqualTo(4))
        .hasMessageStartingWith("Line 4: not valid JSON");
  }

  @Test
  void aFieldOfTheWrongKindOrAMissingRequiredFieldNamesFieldAndLine() {
    assertThatThrownBy(() -> json.fromJson(minimal().put("timestamp", "soon").toString(), 7))
        .hasMessage("Line 7: field 'timestamp' must be an integer, was STRING");
    assertThatThrownBy(() -> json.fromJson(minimal().put("id", 1.5).toString(), 8))
        .hasMessage("Line 8: field 'id' must be an integer, was NUMBER");
    JsonNode noStream = minimal();
    ((ObjectNode) noStream.get("meta")).remove("stream");
    assertThatThrownBy(() -> json.fromJson(noStream.toString(), 9))
        .hasMessage("Line 9: missing required field 'meta.stream'");
    assertThatThrownBy(() -> json.fromJson("[1]", 10))
        .hasMessage("Line 10: expected a JSON object");
  }

  private static ObjectNode minimal() {
    try {
      return (ObjectNode)
          MAPPER.readTree(
              "{\"$schema\":\"/mediawiki/recentchange/1.0.0\",\"type\":\"edit\","
                  + "\"timestamp\":1714089653,"
                  + "\"meta\":{\"dt\":\"2024-04-26T00:00:53Z\",\"stream\":\"mediawiki.recentchange\"}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
