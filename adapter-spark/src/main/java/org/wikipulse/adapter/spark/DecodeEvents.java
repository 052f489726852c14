package org.wikipulse.adapter.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.WireCodecs;

/**
 * Decodes record values, one value column in, {@link EventColumns} out, with one decoder per
 * partition (decoders are not thread-safe). Rejected records yield no event here: the dead-letter
 * branch, {@link DeadLetters}, writes them.
 */
final class DecodeEvents implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final WireCodecs codecs;

  DecodeEvents(WireCodecs codecs) {
    this.codecs = codecs;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> values) {
    RetryingDecoder decoder = new RetryingDecoder(codecs.newDecoder());
    return new SkippingIterator(
        values,
        row -> {
          DecodeResult result = decoder.decode((byte[]) row.get(0));
          return result instanceof DecodeResult.Decoded decoded
              ? EventColumns.of(decoded.event())
              : null;
        });
  }
}
