package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.avro.functions;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.OutputSchema;

/**
 * The output record's key and value as Catalyst expressions, so that encoding runs in generated
 * code rather than a per-row UDF. Their definitions are the ports' ({@link EditCountEncoder}); the
 * tests check these columns against it.
 */
final class OutputColumns {
  private static final byte MAGIC_BYTE = 0;

  private OutputColumns() {}

  /**
   * {@link EditCountEncoder#keyOf}: the window start in {@link EditCountEncoder#KEY_TIME_PATTERN},
   * a bar, the actor label. {@code date_format} formats in the session time zone, which the query
   * requires to be UTC.
   */
  static Column key(Column windowStart, Column actorLabel) {
    return concat(date_format(windowStart, EditCountEncoder.KEY_TIME_PATTERN), lit("|"), actorLabel)
        .cast("binary");
  }

  /**
   * An {@code EditCount} in the Confluent wire format: the 5-byte header as a binary literal, then
   * the Avro body written by {@code to_avro} under the registered schema.
   */
  static Column value(OutputSchema schema, Column window, Column actorLabel, Column count) {
    Column editCount =
        struct(
            struct(
                    nonNull(window.getField("start")).as("start"),
                    nonNull(window.getField("end")).as("end"))
                .as("window"),
            actorLabel.as("requested_by"),
            coalesce(count, lit(0L)).as("counts"));
    return concat(lit(wireHeader(schema.id())), functions.to_avro(editCount, schema.schema()));
  }

  /**
   * The same timestamp, typed as never null. Spark types a window's bounds (and a sum) as nullable
   * although a window of events always has them; {@code to_avro} would then warn in every task that
   * the schema's non-null fields cannot take nulls. The fallbacks are never taken.
   */
  private static Column nonNull(Column timestamp) {
    return coalesce(timestamp, lit(0L).cast("timestamp"));
  }

  /** Magic byte 0, then the schema id in 4 bytes big-endian. */
  static byte[] wireHeader(int schemaId) {
    return new byte[] {
      MAGIC_BYTE,
      (byte) (schemaId >>> 24),
      (byte) (schemaId >>> 16),
      (byte) (schemaId >>> 8),
      (byte) schemaId
    };
  }
}
