package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.CountingSchemaRegistry;
import org.wikipulse.adapter.registry.WriterSchemas;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RealEvents;
import org.wikipulse.testkit.RecentChangeGenerator;

class RecentChangeWriterTest {
  private final CountingSchemaRegistry registry =
      new CountingSchemaRegistry(new InMemorySchemaRegistry());

  @Test
  void registersItsSchemaOnceAndFramesEveryRecordWithItsId() {
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "rc-value", AvroSchemas.RECENT_CHANGE);
    RecentChangeGenerator generator =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 3);
    for (int i = 0; i < 100; i++) {
      assertThat(WireFormat.unframe(writer.write(generator.next())).schemaId()).isEqualTo(1);
    }
    assertThat(registry.registerCalls()).isEqualTo(1);
    assertThat(registry.latest("rc-value").schema())
        .isEqualTo(AvroSchemas.RECENT_CHANGE.toString());
  }

  @Test
  void aRecordOfAnotherVersionIsWrittenUnderTheWriterSchemaByFieldName() throws Exception {
    Schema reversed = WriterSchemas.reversed();
    RecentChangeWriter writer = new RecentChangeWriter(registry, "rc-value", reversed);
    GenericRecord v1 = RealEvents.records(RealEvents.SAMPLE).get(0);

    byte[] value = writer.write(v1);
    GenericRecord read =
        new GenericDatumReader<GenericRecord>(reversed, AvroSchemas.RECENT_CHANGE)
            .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
    assertThat(read).isEqualTo(v1);
  }

  @Test
  void aFieldTheWriterSchemaRequiresAndTheRecordLacksIsAClearError() {
    Schema v1WithoutType = WriterSchemas.without("type");
    GenericRecord noType =
        RecordConversion.toSchema(RealEvents.records(RealEvents.SAMPLE).get(0), v1WithoutType);
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "rc-value", AvroSchemas.RECENT_CHANGE);

    assertThatThrownBy(() -> writer.write(noType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Field 'type'");
  }
}
