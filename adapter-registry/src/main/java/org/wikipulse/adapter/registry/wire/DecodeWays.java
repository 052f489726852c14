package org.wikipulse.adapter.registry.wire;

import org.apache.avro.Schema;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The ways of decoding that the wire package chooses between, one factory each, public for the
 * decode benchmarks in {@code bench/} alone: they live in a package of their own rather than
 * splitting this one. Production code decodes through {@link ConfluentWireCodecs}, which picks the
 * way per writer schema itself.
 */
public final class DecodeWays {
  private DecodeWays() {}

  /**
   * The read plan for a writer schema, walking and checking the whole body (what decoding uses).
   */
  public static WriterDecoder readPlan(int writerSchemaId, Schema writer) {
    return ReadPlan.compile(writerSchemaId, writer).orElseThrow();
  }

  /** The read plan, stopping after the last field an event needs. */
  public static WriterDecoder readPlanStoppingEarly(int writerSchemaId, Schema writer) {
    return ReadPlan.compile(writerSchemaId, writer, true).orElseThrow();
  }

  /** Avro's schema resolution to the projection reader schema (the fallback). */
  public static WriterDecoder avroResolution(int writerSchemaId, Schema writer) {
    return new ResolvingWriterDecoder(writerSchemaId, writer);
  }

  /** The whole decoder: unframing, the schema id's lookup, the plan. */
  public static EditEventDecoder confluent(SchemaRegistry registry) {
    return new ConfluentEditEventDecoder(registry);
  }
}
