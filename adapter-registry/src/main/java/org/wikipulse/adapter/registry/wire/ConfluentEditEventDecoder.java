package org.wikipulse.adapter.registry.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.SchemaNotFoundException;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Decodes Confluent wire-format RecentChange records of any writer schema that resolves to what the
 * analysis reads. Asks the registry once per writer schema id and keeps the decoder built for that
 * id for its lifetime (a schema id never changes meaning): a {@link ReadPlan} where one compiles,
 * else Avro schema resolution to {@link EditEventProjection}. An unknown id is not remembered, so a
 * schema registered later is found. Not thread-safe: one instance per thread.
 */
final class ConfluentEditEventDecoder implements EditEventDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ConfluentEditEventDecoder.class);

  private final SchemaRegistry registry;
  private final Map<Integer, WriterDecoder> byWriterId = new HashMap<>();

  /**
   * @param registry where writer schemas are fetched by id; may be shared across threads if it is
   *     thread-safe
   */
  public ConfluentEditEventDecoder(SchemaRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public DecodeResult decode(byte[] value) {
    WireFormat.Framed framed;
    try {
      framed = WireFormat.unframe(value);
    } catch (WireFormatException e) {
      return new DecodeResult.Rejected(e.reason(), e.getMessage());
    }
    WriterDecoder writerDecoder = byWriterId.get(framed.schemaId());
    if (writerDecoder == null) {
      String writerSchemaText;
      try {
        writerSchemaText = registry.schemaById(framed.schemaId());
      } catch (SchemaNotFoundException e) {
        return new DecodeResult.Rejected(
            DeadLetterReason.UNKNOWN_SCHEMA_ID,
            "Schema id " + framed.schemaId() + " is unknown to the registry: " + e.getMessage());
      }
      writerDecoder = decoderFor(framed.schemaId(), writerSchemaText);
      byWriterId.put(framed.schemaId(), writerDecoder);
    }
    return writerDecoder.decode(framed.value(), framed.bodyOffset(), framed.bodyLength());
  }

  private static WriterDecoder decoderFor(int writerSchemaId, String writerSchemaText) {
    Schema writer;
    try {
      writer = AvroSchemas.parse(writerSchemaText);
    } catch (SchemaParseException e) {
      return new IncompatibleWriter(writerSchemaId, "it is not a valid Avro schema: " + e);
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(EditEventProjection.SCHEMA, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return new IncompatibleWriter(writerSchemaId, describe(compatibility));
    }
    Optional<ReadPlan> plan = ReadPlan.compile(writerSchemaId, writer);
    if (plan.isPresent()) {
      return plan.get();
    }
    LOG.info(
        "Writer schema id {} has a shape the read plan does not cover; decoding it with Avro"
            + " schema resolution, which is slower",
        writerSchemaId);
    return new ResolvingWriterDecoder(writerSchemaId, writer);
  }

  private static String describe(SchemaCompatibility.SchemaPairCompatibility compatibility) {
    return compatibility.getResult().getIncompatibilities().stream()
        .map(i -> i.getMessage() + " at " + i.getLocation())
        .collect(Collectors.joining("; "));
  }
}
