package org.wikipulse.app.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.testkit.InMemorySchemaRegistry;

class RecordFormatTest {
  private static final Instant AT = Instant.parse("2023-07-29T07:53:00Z");

  /**
   * Purpose: JSON lines carry the decoded value with its schema id. Pass: the exact line for one
   * EditCount record.
   */
  @Test
  void jsonLinePrintsTheDecodedValue() {
    String line = JsonLinesFormat.line(editCount(3, 41));

    assertThat(line)
        .isEqualTo(
            "{\"partition\":0,\"offset\":3,\"timestamp\":\"2023-07-29T07:53:00Z\","
                + "\"key\":\"2023-07-29T07:51:30.000Z|Human\",\"schema_id\":7,"
                + "\"value\":{\"window\":{\"start\":1690617090000,\"end\":1690617150000},"
                + "\"requested_by\":\"Human\",\"counts\":41}}");
  }

  /**
   * Purpose: a dead letter shows why it was rejected. Input: a value that is not in the wire
   * format, with the runtimes' error headers. Pass: the line has the headers and the decode error
   * instead of a value.
   */
  @Test
  void deadLetterPrintsItsErrorHeaders() {
    String line = JsonLinesFormat.line(deadLetter());

    assertThat(line)
        .contains("\"headers\":{\"wikipulse.error.class\":\"BAD_MAGIC_BYTE\"")
        .contains("\"wikipulse.error.message\":\"first byte is 0x7b, not 0\"")
        .contains("\"error\":")
        .doesNotContain("\"value\"");
  }

  /**
   * Purpose: the table is aligned, flattens nested fields, and shows timestamps as instants. Pass:
   * the exact header and rows.
   */
  @Test
  void tableIsAlignedWithFlattenedFields() {
    StringWriter text = new StringWriter();
    new TableFormat(new PrintWriter(text, true)).print(List.of(editCount(3, 41), editCount(4, 7)));

    assertThat(text.toString().lines())
        .containsExactly(
            "partition  offset  key                             window.start          window.end"
                + "            requested_by  counts",
            "0          3       2023-07-29T07:51:30.000Z|Human  2023-07-29T07:51:30Z "
                + " 2023-07-29T07:52:30Z  Human         41",
            "0          4       2023-07-29T07:51:30.000Z|Human  2023-07-29T07:51:30Z "
                + " 2023-07-29T07:52:30Z  Human         7");
  }

  /** Purpose: the decoder uses each record's own schema id. Pass: two ids, two schemas, decoded. */
  @Test
  void decodesWithEachRecordsOwnSchema() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    int editCountId = registry.register("out-value", AvroSchemas.EDIT_COUNT.toString());
    int stringId = registry.register("other-value", "\"string\"");
    AvroValueDecoder decoder = new AvroValueDecoder(registry);

    AvroValueDecoder.Result unknown = decoder.decode(WireFormat.frame(999, new byte[] {0}));
    AvroValueDecoder.Result bad = decoder.decode("{\"x\":1}".getBytes());
    AvroValueDecoder.Result good =
        decoder.decode(
            WireFormat.frame(
                editCountId, new byte[] {(byte) 0xa0, 0x1f, (byte) 0xa0, 0x1f, 2, 'B', 2}));

    assertThat(unknown.error()).isEqualTo("the registry has no schema with id 999");
    assertThat(bad.error()).isNotBlank();
    assertThat(good.value().get("counts")).isEqualTo(1L);
    assertThat(stringId).isNotEqualTo(editCountId);
  }

  private static ConsumedRecord editCount(long offset, long counts) {
    GenericRecord window =
        new GenericData.Record(AvroSchemas.EDIT_COUNT.getField("window").schema());
    window.put("start", 1690617090000L);
    window.put("end", 1690617150000L);
    GenericRecord value = new GenericData.Record(AvroSchemas.EDIT_COUNT);
    value.put("window", window);
    value.put("requested_by", "Human");
    value.put("counts", counts);
    return new ConsumedRecord(
        0, offset, AT, "2023-07-29T07:51:30.000Z|Human", Map.of(), 7, value, null);
  }

  private static ConsumedRecord deadLetter() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(DeadLetterHeaders.ERROR_CLASS, "BAD_MAGIC_BYTE");
    headers.put(DeadLetterHeaders.ERROR_MESSAGE, "first byte is 0x7b, not 0");
    headers.put(DeadLetterHeaders.SOURCE_TOPIC, "wikimedia");
    return new ConsumedRecord(
        1, 9, AT, null, headers, null, null, "the first byte is not the magic byte 0");
  }
}
