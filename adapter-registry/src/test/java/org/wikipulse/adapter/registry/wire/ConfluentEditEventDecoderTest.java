package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.CountingSchemaRegistry;
import org.wikipulse.adapter.registry.WriterSchemas;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.RegistryUnavailableException;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RealEvents;
import org.wikipulse.testkit.RecentChangeGenerator;

class ConfluentEditEventDecoderTest {
  private final CountingSchemaRegistry registry =
      new CountingSchemaRegistry(new InMemorySchemaRegistry());
  private final ConfluentEditEventDecoder decoder = new ConfluentEditEventDecoder(registry);

  @Test
  void realEventsDecodeToTheirFields() {
    RecentChangeWriter writer = writer(AvroSchemas.RECENT_CHANGE);
    List<GenericRecord> records = new ArrayList<>(RealEvents.records(RealEvents.SAMPLE));
    records.addAll(RealEvents.records(RealEvents.LOG_SAMPLE));

    for (GenericRecord record : records) {
      assertThat(decoded(writer.write(record))).isEqualTo(RecentChangeRecords.toEditEvent(record));
    }
    assertThat(decoded(writer.write(records.get(0))))
        .isEqualTo(
            new EditEvent(
                1659529639L,
                "edit",
                "enwiki",
                "en.wikipedia.org",
                "EFL Championship",
                0L,
                "87.12.215.232",
                false,
                false,
                91108L,
                91166L,
                1166824248L,
                1167689309L,
                Instant.ofEpochSecond(1690617099),
                "en.wikipedia.org"));
    EditEvent log = decoded(writer.write(records.get(records.size() - 1)));
    assertThat(log.type()).isEqualTo("log");
    assertThat(log.oldLength()).isNull();
    assertThat(log.newRevision()).isNull();
    assertThat(log.minor()).isNull();
  }

  @Test
  void theResultNamesTheWriterSchemaId() {
    RecentChangeWriter writer = writer(AvroSchemas.RECENT_CHANGE);
    byte[] value = writer.write(RealEvents.records(RealEvents.SAMPLE).get(0));

    assertThat(decoder.decode(value))
        .isInstanceOfSatisfying(
            DecodeResult.Decoded.class,
            d -> assertThat(d.writerSchemaId()).isEqualTo(writer.schemaId()));
  }

  @Test
  void badFramesAreRejectedWithTheirReason() {
    assertRejected(decoder.decode(null), DeadLetterReason.EMPTY_VALUE, "Empty value");
    assertRejected(decoder.decode(new byte[] {0, 0, 1}), DeadLetterReason.TRUNCATED_HEADER, "3");
    assertRejected(
        decoder.decode(new byte[] {3, 0, 0, 0, 1, 2}),
        DeadLetterReason.BAD_MAGIC_BYTE,
        "magic byte 3");
    assertThat(registry.schemaByIdCalls()).isZero();
  }

  @Test
  void anUnknownIdIsRejectedAndFoundOnceRegistered() {
    GenericRecord record = RealEvents.records(RealEvents.SAMPLE).get(0);
    RecentChangeWriter elsewhere =
        new RecentChangeWriter(
            new InMemorySchemaRegistry(), "elsewhere-value", AvroSchemas.RECENT_CHANGE_V2);
    byte[] framedElsewhere = elsewhere.write(record);
    byte[] body = Arrays.copyOfRange(framedElsewhere, 5, framedElsewhere.length);
    registry.register("recentchange-value", AvroSchemas.RECENT_CHANGE.toString());

    assertRejected(
        decoder.decode(WireFormat.frame(2, body)), DeadLetterReason.UNKNOWN_SCHEMA_ID, "id 2");
    assertThat(registry.register("recentchange-value", AvroSchemas.RECENT_CHANGE_V2.toString()))
        .isEqualTo(2);
    assertThat(decoder.decode(WireFormat.frame(2, body)))
        .isEqualTo(new DecodeResult.Decoded(RecentChangeRecords.toEditEvent(record), 2));
  }

  @Test
  void aWriterSchemaThatCannotBeResolvedIsIncompatible() {
    Schema stringTime = WriterSchemas.withFieldType("timestamp", "\"string\"");
    Schema noType = WriterSchemas.without("type");
    for (Schema writerSchema : List.of(stringTime, noType)) {
      int id = registry.register("bad-value", writerSchema.toString());
      byte[] value = WireFormat.frame(id, new byte[] {0});
      assertRejected(
          decoder.decode(value), DeadLetterReason.INCOMPATIBLE_SCHEMA, "id " + id + " cannot");
    }
    int id = registry.register("worse-value", "\"string\"");
    assertRejected(
        decoder.decode(WireFormat.frame(id, new byte[] {0})),
        DeadLetterReason.INCOMPATIBLE_SCHEMA,
        "cannot be resolved");
  }

  @Test
  void everyTruncationOfABodyIsUndecodable() {
    byte[] value =
        writer(AvroSchemas.RECENT_CHANGE).write(RealEvents.records(RealEvents.SAMPLE).get(3));
    for (int length = 5; length < value.length; length++) {
      assertRejected(
          decoder.decode(Arrays.copyOf(value, length)),
          DeadLetterReason.UNDECODABLE_AVRO,
          "Malformed Avro body");
    }
  }

  @Test
  void bytesAfterTheRecordAreUndecodable() {
    byte[] value =
        writer(AvroSchemas.RECENT_CHANGE).write(RealEvents.records(RealEvents.SAMPLE).get(0));
    byte[] longer = Arrays.copyOf(value, value.length + 2);

    assertRejected(decoder.decode(longer), DeadLetterReason.UNDECODABLE_AVRO, "left over");
  }

  @Test
  void aBadUnionIndexIsUndecodable() {
    byte[] value =
        writer(AvroSchemas.RECENT_CHANGE).write(RealEvents.records(RealEvents.SAMPLE).get(0));
    // type "edit" (5 bytes) and timestamp (5-byte varint) come first; then the bot union index.
    int botIndex = 5 + 5 + 5;
    assertThat(value[botIndex]).as("union index 1 of [null, boolean]").isEqualTo((byte) 2);
    value[botIndex] = 6;

    assertRejected(decoder.decode(value), DeadLetterReason.UNDECODABLE_AVRO, "Malformed");
  }

  @Test
  void anEventWithoutTimestampMissesItsEventTime() {
    RecentChangeWriter optionalTime = writer(WriterSchemas.optionalTimestamp());
    GenericRecord record = RealEvents.records(RealEvents.SAMPLE).get(0);
    GenericRecord withoutTime = RecordConversion.toSchema(record, optionalTime.writerSchema());
    withoutTime.put("timestamp", null);

    assertRejected(
        decoder.decode(optionalTime.write(withoutTime)),
        DeadLetterReason.MISSING_EVENT_TIME,
        "no timestamp");
    assertThat(decoded(optionalTime.write(record)))
        .isEqualTo(RecentChangeRecords.toEditEvent(record));

    RecentChangeWriter noTime = writer(WriterSchemas.without("timestamp"));
    assertRejected(
        decoder.decode(noTime.write(withoutTime)),
        DeadLetterReason.MISSING_EVENT_TIME,
        "no timestamp");
  }

  @Test
  void recordsOfOlderAndNewerWriterSchemasDecodeThroughOneDecoder() {
    RecentChangeWriter v1 = writer(AvroSchemas.RECENT_CHANGE);
    RecentChangeWriter v2 = writer(AvroSchemas.RECENT_CHANGE_V2);
    List<GenericRecord> records =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 7).next(200);

    for (int i = 0; i < records.size(); i++) {
      GenericRecord record = records.get(i);
      RecentChangeWriter writer = i % 2 == 0 ? v1 : v2;
      DecodeResult result = decoder.decode(writer.write(record));
      assertThat(result)
          .isEqualTo(
              new DecodeResult.Decoded(RecentChangeRecords.toEditEvent(record), writer.schemaId()));
    }
    assertThat(v1.schemaId()).isNotEqualTo(v2.schemaId());
  }

  @Test
  void tenThousandRecordsUnderThreeIdsAskTheRegistryThreeTimes() {
    List<RecentChangeWriter> writers =
        List.of(
            writer(AvroSchemas.RECENT_CHANGE),
            writer(AvroSchemas.RECENT_CHANGE_V2),
            writer(WriterSchemas.reversed()));
    RecentChangeGenerator generator =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 11);
    int decoded = 0;
    for (int i = 0; i < 10_000; i++) {
      if (decoder.decode(writers.get(i % 3).write(generator.next()))
          instanceof DecodeResult.Decoded) {
        decoded++;
      }
    }
    assertThat(decoded).isEqualTo(10_000);
    assertThat(registry.schemaByIdCalls()).isEqualTo(3);
  }

  @Test
  void anUnreachableRegistryPropagatesAndCachedIdsKeepDecoding() {
    RecentChangeWriter v1 = writer(AvroSchemas.RECENT_CHANGE);
    RecentChangeWriter v2 = writer(AvroSchemas.RECENT_CHANGE_V2);
    GenericRecord record = RealEvents.records(RealEvents.SAMPLE).get(0);
    byte[] v1Value = v1.write(record);
    byte[] v2Value = v2.write(record);
    decoder.decode(v1Value);

    registry.failWith(new RegistryUnavailableException("registry down", null));
    assertThat(decoder.decode(v1Value)).isInstanceOf(DecodeResult.Decoded.class);
    assertThatThrownBy(() -> decoder.decode(v2Value))
        .isInstanceOf(RegistryUnavailableException.class);
    registry.failWith(null);
    assertThat(decoder.decode(v2Value)).isInstanceOf(DecodeResult.Decoded.class);
  }

  private RecentChangeWriter writer(Schema schema) {
    return new RecentChangeWriter(registry, "recentchange-value", schema);
  }

  private EditEvent decoded(byte[] value) {
    DecodeResult result = decoder.decode(value);
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) result).event();
  }

  static void assertRejected(DecodeResult result, DeadLetterReason reason, String saying) {
    assertThat(result)
        .isInstanceOfSatisfying(
            DecodeResult.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(reason);
              assertThat(r.message()).contains(saying);
            });
  }
}
