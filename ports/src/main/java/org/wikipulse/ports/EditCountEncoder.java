package org.wikipulse.ports;

import org.wikipulse.domain.WindowCount;

/**
 * Writes an output row as an {@code EditCount} value in the Confluent wire format. One instance per
 * thread.
 */
public interface EditCountEncoder {

  /** The framed value: magic byte, schema id, Avro body. */
  byte[] encode(WindowCount row);

  /** The output record key: window start and actor, so that the output topic is compactable. */
  static String keyOf(WindowCount row) {
    return row.windowStart() + "|" + row.actor().label();
  }
}
