package org.wikipulse.bench.decode;
import org.wikipulse.testkit.RecentChangeGenerator;
import org.wikipulse.testkit.InMemorySchemaRegistry;

import org.wikipulse.adapter.registry.schema.AvroSchemas;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.wire.DecodeWays;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.adapter.registry.wire.WriterDecoder;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;

/**
 * A cross-check of {@link DecodeBenchmark} on a busy machine: decodes the same records with each
 * way and reports records per second of this thread's CPU time, which other processes competing for
 * the cores do not inflate the way they inflate wall-clock time. Run: {@code java -cp
 * target/benchmarks.jar org.wikipulse.bench.decode.DecodeCpuTime}.
 */
public final class DecodeCpuTime {
  private static final int RECORDS = 1024;
  private static final int ROUNDS = 5;
  private static final int PER_ROUND = 3_000_000;

  private DecodeCpuTime() {}

  public static void main(String[] args) {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, "recentchange-value", AvroSchemas.RECENT_CHANGE);
    List<GenericRecord> records = RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 2024).next(RECORDS);
    byte[][] values = records.stream().map(writer::write).toArray(byte[][]::new);
    long bytes = 0;
    for (byte[] value : values) {
      bytes += value.length;
    }
    System.out.printf(
        "%d records, %.0f bytes each on average%n", RECORDS, bytes / (double) RECORDS);
    int id = writer.schemaId();

    Map<String, Function<byte[], DecodeResult>> ways = new LinkedHashMap<>();
    WriterDecoder projection = DecodeWays.avroResolution(id, AvroSchemas.RECENT_CHANGE);
    ways.put("projecting reader (Avro resolution)", v -> projection.decode(v, 5, v.length - 5));
    WriterDecoder plan = DecodeWays.readPlan(id, AvroSchemas.RECENT_CHANGE);
    ways.put("read plan, whole body checked", v -> plan.decode(v, 5, v.length - 5));
    WriterDecoder early = DecodeWays.readPlanStoppingEarly(id, AvroSchemas.RECENT_CHANGE);
    ways.put("read plan, stopping early", v -> early.decode(v, 5, v.length - 5));
    EditEventDecoder decoder = DecodeWays.confluent(registry);
    ways.put("ConfluentEditEventDecoder (unframe + plan)", decoder::decode);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Map.Entry<String, Function<byte[], DecodeResult>> way : ways.entrySet()) {
      int decoded = 0;
      double best = 0;
      for (int round = 0; round < ROUNDS; round++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < PER_ROUND; i++) {
          if (way.getValue().apply(values[i & (RECORDS - 1)]) instanceof DecodeResult.Decoded) {
            decoded++;
          }
        }
        double seconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        best = Math.max(best, PER_ROUND / seconds);
      }
      System.out.printf(
          "%-45s %6.2f M records per CPU second (best of %d; %d decoded)%n",
          way.getKey(), best / 1e6, ROUNDS, decoded);
    }
  }
}
