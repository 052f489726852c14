package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * The bounded decoder under Avro's own readers: it reads what Avro writes, every type and both
 * block forms, and rejects a corrupt length before allocating it.
 */
class BoundedDecoderTest {
  private static final Schema EVERY_TYPE =
      SchemaBuilder.record("EveryType")
          .fields()
          .name("nothing")
          .type()
          .nullType()
          .noDefault()
          .name("flag")
          .type()
          .booleanType()
          .noDefault()
          .name("small")
          .type()
          .intType()
          .noDefault()
          .name("big")
          .type()
          .longType()
          .noDefault()
          .name("ratio")
          .type()
          .floatType()
          .noDefault()
          .name("precise")
          .type()
          .doubleType()
          .noDefault()
          .name("text")
          .type()
          .stringType()
          .noDefault()
          .name("raw")
          .type()
          .bytesType()
          .noDefault()
          .name("hash")
          .type()
          .fixed("Hash")
          .size(4)
          .noDefault()
          .name("colour")
          .type()
          .enumeration("Colour")
          .symbols("RED", "GREEN")
          .noDefault()
          .name("list")
          .type()
          .array()
          .items()
          .longType()
          .noDefault()
          .name("dict")
          .type()
          .map()
          .values()
          .stringType()
          .noDefault()
          .name("maybe")
          .type()
          .unionOf()
          .nullType()
          .and()
          .stringType()
          .endUnion()
          .noDefault()
          .endRecord();

  /**
   * Purpose: every Avro type reads back as written, with arrays and maps in both block forms (plain
   * counts, and the negative counts with byte sizes that blocking encoders write). Input: one
   * record of every type, written by a plain and by a blocking encoder. Pass: read back equal, with
   * nothing left over.
   */
  @Test
  void readsEveryTypeAsWritten() throws IOException {
    GenericRecord record = everyType();
    for (boolean blocking : List.of(false, true)) {
      byte[] body = write(record, blocking);
      BoundedDecoder decoder = new BoundedDecoder().reset(body, 0, body.length);

      GenericRecord read = new GenericDatumReader<GenericRecord>(EVERY_TYPE).read(null, decoder);

      assertThat(read).as("blocking %s", blocking).isEqualTo(record);
      assertThat(decoder.atEnd()).isTrue();
    }
  }

  /**
   * Purpose: skipped arrays and maps (fields the reader schema drops) are skipped block by block in
   * both forms. Input: the record of every type, read with a schema of only its last field. Pass:
   * that field's value, nothing left over.
   */
  @Test
  void skipsWhatTheReaderDoesNotWant() throws IOException {
    Schema onlyMaybe =
        SchemaBuilder.record("EveryType")
            .fields()
            .name("maybe")
            .type(EVERY_TYPE.getField("maybe").schema())
            .noDefault()
            .endRecord();
    for (boolean blocking : List.of(false, true)) {
      byte[] body = write(everyType(), blocking);
      BoundedDecoder decoder = new BoundedDecoder().reset(body, 0, body.length);

      GenericRecord read =
          new GenericDatumReader<GenericRecord>(EVERY_TYPE, onlyMaybe).read(null, decoder);

      assertThat(read.get("maybe")).hasToString("present");
      assertThat(decoder.atEnd()).isTrue();
    }
  }

  /**
   * Purpose: a corrupt length is rejected before anything of that size is allocated; Avro's
   * BinaryDecoder would allocate it first. Input: a real recentchange body whose {@code type}
   * string claims 2,147,483,639 bytes (the largest array a JVM allows), decoded through schema
   * resolution. Pass: UNDECODABLE_AVRO naming the length, with under 10 MB allocated.
   */
  @Test
  void aCorruptLengthIsRejectedWithoutAllocatingIt() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "rc-value", AvroSchemas.RECENT_CHANGE);
    GenericRecord event = RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 3).next();
    event.put("type", "edit");
    byte[] value = writer.write(event);
    byte[] corrupt = withLengthReplaced(value, "edit", Integer.MAX_VALUE - 8);
    ResolvingWriterDecoder decoder =
        new ResolvingWriterDecoder(writer.schemaId(), AvroSchemas.RECENT_CHANGE);

    long before = allocatedBytes();
    var result = decoder.decode(corrupt, 5, corrupt.length - 5);
    long allocated = allocatedBytes() - before;

    ConfluentEditEventDecoderTest.assertRejected(
        result, DeadLetterReason.UNDECODABLE_AVRO, "2147483639");
    assertThat(allocated).isLessThan(10_000_000);
  }

  /**
   * Purpose: an array claiming more items than bytes left is rejected before Avro sizes a list for
   * it. Input: a body of one array field whose block count is 1,000,000 with 3 bytes after it.
   * Pass: the reader fails with the malformed-body error naming the count.
   */
  @Test
  void anItemCountBeyondTheBytesLeftIsRejected() {
    Schema listOnly =
        SchemaBuilder.record("L")
            .fields()
            .name("list")
            .type()
            .array()
            .items()
            .longType()
            .noDefault()
            .endRecord();
    byte[] body = {(byte) 0x80, (byte) 0x89, 0x7a, 2, 4, 6};
    BoundedDecoder decoder = new BoundedDecoder().reset(body, 0, body.length);

    assertThatThrownBy(() -> new GenericDatumReader<GenericRecord>(listOnly).read(null, decoder))
        .isInstanceOf(MalformedAvroException.class)
        .hasMessageContaining("1000000 items");
  }

  private static GenericRecord everyType() {
    GenericRecord record = new GenericData.Record(EVERY_TYPE);
    record.put("flag", true);
    record.put("small", -42);
    record.put("big", 1L << 40);
    record.put("ratio", 1.5f);
    record.put("precise", -2.25e-3);
    record.put("text", new Utf8("héllo"));
    record.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    record.put(
        "hash",
        new GenericData.Fixed(EVERY_TYPE.getField("hash").schema(), new byte[] {9, 8, 7, 6}));
    record.put(
        "colour", new GenericData.EnumSymbol(EVERY_TYPE.getField("colour").schema(), "GREEN"));
    record.put("list", List.of(1L, -2L, 3L));
    record.put("dict", Map.of(new Utf8("a"), new Utf8("x"), new Utf8("b"), new Utf8("y")));
    record.put("maybe", new Utf8("present"));
    return record;
  }

  private static byte[] write(GenericRecord record, boolean blocking) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encoder encoder =
        blocking
            ? EncoderFactory.get().blockingBinaryEncoder(out, null)
            : EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(EVERY_TYPE).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** The value with the length before the first occurrence of the text replaced. */
  private static byte[] withLengthReplaced(byte[] value, String text, long newLength) {
    byte[] target = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 6; i + target.length <= value.length; i++) {
      if (value[i - 1] == 2 * target.length
          && java.util.Arrays.equals(value, i, i + target.length, target, 0, target.length)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(value, 0, i - 1);
        long zigzag = newLength << 1;
        while ((zigzag & ~0x7FL) != 0) {
          out.write((int) ((zigzag & 0x7F) | 0x80));
          zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.write(value, i, value.length - i);
        return out.toByteArray();
      }
    }
    throw new AssertionError("no length-prefixed '" + text + "' in the value");
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
