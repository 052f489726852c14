package org.wikipulse.adapter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.WireCodecs;

class ConfluentWireCodecsTest {

  @Test
  void shippedCodecsDecodeAndEncodeAgainstTheSameNamedRegistry() throws Exception {
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("codecs-test-shipped");
    WireCodecs codecs =
        InMemorySchemaRegistryTest.roundTrip(
            new ConfluentWireCodecs(
                new InMemoryRegistryConnector("codecs-test-shipped"), "counts-value", true));
    GenericRecord record = RealEvents.records(RealEvents.SAMPLE).get(0);
    byte[] input =
        new RecentChangeWriter(registry, "rc-value", AvroSchemas.RECENT_CHANGE).write(record);

    assertThat(codecs.newDecoder().decode(input))
        .isInstanceOfSatisfying(
            DecodeResult.Decoded.class,
            d -> assertThat(d.event()).isEqualTo(RecentChangeRecords.toEditEvent(record)));
    OutputSchema output = codecs.outputSchema();
    assertThat(registry.latest("counts-value").id()).isEqualTo(output.id());
    assertThat(AvroSchemas.parse(output.schema())).isEqualTo(AvroSchemas.EDIT_COUNT);
    WindowCount row = new WindowCount(Instant.EPOCH, Instant.ofEpochSecond(60), Actor.BOT, 4);
    assertThat(EditCountRecords.decode(codecs.newEncoder().encode(row), registry)).isEqualTo(row);
  }

  @Test
  void withoutRegistrationTheSubjectMustAlreadyHoldEditCount() {
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("codecs-test-no-register");
    ConfluentWireCodecs codecs =
        new ConfluentWireCodecs(
            new InMemoryRegistryConnector("codecs-test-no-register"), "counts-value", false);

    assertThatThrownBy(codecs::outputSchema)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'counts-value' has no schema");
    registry.register("counts-value", AvroSchemas.RECENT_CHANGE.toString());
    assertThatThrownBy(codecs::outputSchema)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not the EditCount schema");
    int id = registry.register("counts-value", AvroSchemas.EDIT_COUNT.toString());
    assertThat(codecs.outputSchema().id()).isEqualTo(id);
  }
}
