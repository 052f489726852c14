package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.JavaSerialization;
import org.wikipulse.testkit.RealEvents;

class ConfluentWireCodecsTest {

  @Test
  void shippedCodecsDecodeAndEncodeAgainstTheSameNamedRegistry() throws Exception {
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("codecs-test-shipped");
    WireCodecs codecs =
        JavaSerialization.roundTrip(
            new ConfluentWireCodecs(
                new InMemoryRegistryConnector("codecs-test-shipped"), "counts-value"));
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
}
