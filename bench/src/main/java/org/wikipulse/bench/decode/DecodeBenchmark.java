package org.wikipulse.bench.decode;
import org.wikipulse.testkit.RecentChangeGenerator;
import org.wikipulse.testkit.InMemorySchemaRegistry;

import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.schema.AvroSchemas;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.adapter.registry.wire.DecodeWays;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.adapter.registry.wire.WriterDecoder;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;

/**
 * Unframe and decode one real-sized recentchange record (synthetic, about 680 bytes, RecentChange
 * v1 writer schema) into what the job needs, one core. Ways compared: Avro's GenericDatumReader
 * with the full schema then mapping to an event; Avro resolution to the projection reader schema;
 * the read plan (walking the whole body, as the decoder uses it); the read plan stopping after the
 * last needed field; and the whole {@code ConfluentEditEventDecoder} (plan plus id lookup).
 *
 * <p>Reaches the wire package's decoders through {@code DecodeWays}. Lives in the bench project,
 * which the root build does not include.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
  private static final int RECORDS = 1024;

  private byte[][] values;
  private int next;
  private GenericDatumReader<GenericRecord> fullReader;
  private BinaryDecoder binaryDecoder;
  private GenericRecord reuse;
  private WriterDecoder projection;
  private WriterDecoder plan;
  private WriterDecoder planStoppingEarly;
  private EditEventDecoder decoder;

  @Setup
  public void setUp() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "recentchange-value", AvroSchemas.RECENT_CHANGE);
    List<GenericRecord> records = RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 2024).next(RECORDS);
    values = records.stream().map(writer::write).toArray(byte[][]::new);
    int id = writer.schemaId();
    fullReader = new GenericDatumReader<>(AvroSchemas.RECENT_CHANGE);
    projection = DecodeWays.avroResolution(id, AvroSchemas.RECENT_CHANGE);
    plan = DecodeWays.readPlan(id, AvroSchemas.RECENT_CHANGE);
    planStoppingEarly = DecodeWays.readPlanStoppingEarly(id, AvroSchemas.RECENT_CHANGE);
    decoder = DecodeWays.confluent(registry);
  }

  private byte[] nextValue() {
    byte[] value = values[next];
    next = (next + 1) & (RECORDS - 1);
    return value;
  }

  @Benchmark
  public EditEvent genericDatumReaderFullSchema() throws IOException {
    WireFormat.Framed framed = WireFormat.unframe(nextValue());
    binaryDecoder =
        DecoderFactory.get()
            .binaryDecoder(framed.value(), framed.bodyOffset(), framed.bodyLength(), binaryDecoder);
    reuse = fullReader.read(reuse, binaryDecoder);
    return RecentChangeRecords.toEditEvent(reuse);
  }

  @Benchmark
  public DecodeResult projectingReaderSchema() {
    WireFormat.Framed framed = WireFormat.unframe(nextValue());
    return projection.decode(framed.value(), framed.bodyOffset(), framed.bodyLength());
  }

  @Benchmark
  public DecodeResult readPlan() {
    WireFormat.Framed framed = WireFormat.unframe(nextValue());
    return plan.decode(framed.value(), framed.bodyOffset(), framed.bodyLength());
  }

  @Benchmark
  public DecodeResult readPlanStoppingEarly() {
    WireFormat.Framed framed = WireFormat.unframe(nextValue());
    return planStoppingEarly.decode(framed.value(), framed.bodyOffset(), framed.bodyLength());
  }

  @Benchmark
  public DecodeResult confluentEditEventDecoder() {
    return decoder.decode(nextValue());
  }
}
