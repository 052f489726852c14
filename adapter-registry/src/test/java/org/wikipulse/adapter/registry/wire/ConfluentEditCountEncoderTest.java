package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.testkit.InMemorySchemaRegistry;

class ConfluentEditCountEncoderTest {
  private static final WindowCount ROW =
      new WindowCount(
          Instant.parse("2024-04-26T00:00:30Z"),
          Instant.parse("2024-04-26T00:01:30Z"),
          Actor.UNKNOWN,
          3_000_000_000L);

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void encodesAnEditCountThatStandardAvroReads() throws Exception {
    registry.register("unrelated-value", AvroSchemas.RECENT_CHANGE.toString());
    int id = registry.register("edit-counts-value", AvroSchemas.EDIT_COUNT.toString());
    byte[] value = new ConfluentEditCountEncoder(id).encode(ROW);

    WireFormat.Framed framed = WireFormat.unframe(value);
    assertThat(framed.schemaId()).isEqualTo(id).isEqualTo(2);
    GenericRecord record =
        new GenericDatumReader<GenericRecord>(AvroSchemas.EDIT_COUNT)
            .read(
                null,
                DecoderFactory.get()
                    .binaryDecoder(value, framed.bodyOffset(), framed.bodyLength(), null));
    GenericRecord window = (GenericRecord) record.get("window");
    assertThat(window.get("start")).isEqualTo(ROW.windowStart().toEpochMilli());
    assertThat(window.get("end")).isEqualTo(ROW.windowEnd().toEpochMilli());
    assertThat(record.get("requested_by").toString()).isEqualTo("Unknown");
    assertThat(record.get("counts")).isEqualTo(3_000_000_000L);
  }

  @Test
  void editCountRecordsReadsEveryActorBack() {
    int id = registry.register("edit-counts-value", AvroSchemas.EDIT_COUNT.toString());
    ConfluentEditCountEncoder encoder = new ConfluentEditCountEncoder(id);
    for (Actor actor : Actor.values()) {
      WindowCount row = new WindowCount(ROW.window(), actor, 1 + actor.ordinal());
      assertThat(EditCountRecords.decode(encoder.encode(row), registry)).isEqualTo(row);
    }
  }

  @Test
  void aMalformedOutputRecordIsAClearError() {
    int id = registry.register("edit-counts-value", AvroSchemas.EDIT_COUNT.toString());
    byte[] value = new ConfluentEditCountEncoder(id).encode(ROW);
    byte[] truncated = java.util.Arrays.copyOf(value, value.length - 1);

    assertThatThrownBy(() -> EditCountRecords.decode(truncated, registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Malformed EditCount record under schema id " + id);
  }
}
