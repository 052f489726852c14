package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wikipulse.adapter.registry.WriterSchemas;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RealEvents;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * The read plan against the definition: standard Avro resolution to the projection. Same records,
 * same writer schema, same results.
 */
class ReadPlanTest {

  static List<Schema> writerSchemas() {
    return List.of(
        AvroSchemas.RECENT_CHANGE,
        AvroSchemas.RECENT_CHANGE_V2,
        WriterSchemas.reversed(),
        WriterSchemas.withExtraFields(),
        WriterSchemas.optionalTimestamp(),
        WriterSchemas.nestedReversed(),
        WriterSchemas.flippedUnionsAndIntIds(),
        WriterSchemas.without("bot"));
  }

  /**
   * Purpose: a plan compiled from any writer schema reads what resolution reads. Input: 3,000
   * synthetic and the 102 real events, written under each writer schema. Pass: every plan result
   * equals the resolution result, and all are decoded events.
   */
  @ParameterizedTest
  @MethodSource("writerSchemas")
  void givesTheSameEventsAsAvroResolution(Schema writerSchema) {
    Bodies bodies = Bodies.of(writerSchema, inputRecords());
    ReadPlan plan = ReadPlan.compile(7, writerSchema).orElseThrow();
    ReadPlan earlyStop = ReadPlan.compile(7, writerSchema, true).orElseThrow();
    ResolvingWriterDecoder resolution = new ResolvingWriterDecoder(7, writerSchema);

    for (byte[] value : bodies.values()) {
      DecodeResult expected = resolution.decode(value, 5, value.length - 5);
      assertThat(expected).isInstanceOf(DecodeResult.Decoded.class);
      assertThat(plan.decode(value, 5, value.length - 5)).isEqualTo(expected);
      assertThat(earlyStop.decode(value, 5, value.length - 5)).isEqualTo(expected);
    }
  }

  /**
   * Purpose: a null timestamp is a missing event time for the plan as for resolution. Input:
   * records with and without a timestamp under a writer schema where it is nullable. Pass: equal
   * results, the timestamp-less ones MISSING_EVENT_TIME.
   */
  @Test
  void aNullTimestampIsAMissingEventTimeInBoth() {
    Schema writerSchema = WriterSchemas.optionalTimestamp();
    List<GenericRecord> records = new ArrayList<>();
    for (GenericRecord record :
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 4).next(50)) {
      GenericRecord converted = RecordConversion.toSchema(record, writerSchema);
      converted.put("timestamp", null);
      records.add(converted);
    }
    Bodies bodies = Bodies.of(writerSchema, records);
    ReadPlan plan = ReadPlan.compile(3, writerSchema).orElseThrow();
    ResolvingWriterDecoder resolution = new ResolvingWriterDecoder(3, writerSchema);

    for (byte[] value : bodies.values()) {
      DecodeResult expected = resolution.decode(value, 5, value.length - 5);
      ConfluentEditEventDecoderTest.assertRejected(
          expected, DeadLetterReason.MISSING_EVENT_TIME, "no timestamp");
      assertThat(plan.decode(value, 5, value.length - 5)).isEqualTo(expected);
    }
  }

  /**
   * Purpose: corrupt bodies never escape as exceptions and truncated ones are undecodable in both.
   * Input: real-sized records, cut at every length, and with random bytes overwritten. Pass:
   * truncations are UNDECODABLE_AVRO in both; corrupted bodies give a result (never an exception),
   * equal to resolution's whenever both decode.
   */
  @Test
  void corruptBodiesAreRejectedNotThrown() {
    Schema writerSchema = WriterSchemas.withExtraFields();
    Bodies bodies =
        Bodies.of(
            writerSchema,
            RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 6).next(20));
    ReadPlan plan = ReadPlan.compile(5, writerSchema).orElseThrow();
    ResolvingWriterDecoder resolution = new ResolvingWriterDecoder(5, writerSchema);
    SplittableRandom random = new SplittableRandom(17);

    for (byte[] value : bodies.values()) {
      for (int length = 5; length < value.length; length += 7) {
        byte[] cut = Arrays.copyOf(value, length);
        for (WriterDecoder decoder : List.<WriterDecoder>of(plan, resolution)) {
          ConfluentEditEventDecoderTest.assertRejected(
              decoder.decode(cut, 5, cut.length - 5), DeadLetterReason.UNDECODABLE_AVRO, "");
        }
      }
      for (int i = 0; i < 200; i++) {
        byte[] corrupt = value.clone();
        corrupt[5 + random.nextInt(corrupt.length - 5)] = (byte) random.nextInt(256);
        DecodeResult planned = plan.decode(corrupt, 5, corrupt.length - 5);
        DecodeResult resolved = resolution.decode(corrupt, 5, corrupt.length - 5);
        assertThat(planned).isNotNull();
        if (planned instanceof DecodeResult.Decoded && resolved instanceof DecodeResult.Decoded) {
          assertThat(planned).isEqualTo(resolved);
        }
      }
    }
  }

  /**
   * Purpose: shapes the plan does not cover fall back to resolution inside the decoder. Input: a
   * writer schema with a recursive record type. Pass: no plan compiles, and the decoder still
   * decodes every record to the event resolution gives.
   */
  @Test
  void aShapeThePlanDoesNotCoverFallsBackToResolution() {
    Schema writerSchema = WriterSchemas.withRecursiveField();
    assertThat(ReadPlan.compile(1, writerSchema)).isEmpty();
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    RecentChangeWriter writer = new RecentChangeWriter(registry, "rc-value", writerSchema);
    ConfluentEditEventDecoder decoder = new ConfluentEditEventDecoder(registry);

    for (GenericRecord record :
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 2).next(100)) {
      assertThat(decoder.decode(writer.write(record)))
          .isEqualTo(
              new DecodeResult.Decoded(RecentChangeRecords.toEditEvent(record), writer.schemaId()));
    }
  }

  private static List<GenericRecord> inputRecords() {
    List<GenericRecord> records =
        new ArrayList<>(
            RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 12).next(3_000));
    records.addAll(RealEvents.records(RealEvents.SAMPLE));
    records.addAll(RealEvents.records(RealEvents.LOG_SAMPLE));
    return records;
  }

  /** Records written under one writer schema, framed. */
  private record Bodies(List<byte[]> values) {
    static Bodies of(Schema writerSchema, List<GenericRecord> records) {
      RecentChangeWriter writer =
          new RecentChangeWriter(new InMemorySchemaRegistry(), "rc-value", writerSchema);
      return new Bodies(records.stream().map(writer::write).toList());
    }
  }
}
