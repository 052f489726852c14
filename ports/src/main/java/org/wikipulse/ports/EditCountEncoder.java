package org.wikipulse.ports;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.wikipulse.domain.WindowCount;

/**
 * Writes an output row as an {@code EditCount} value in the Confluent wire format. One instance per
 * thread.
 */
public interface EditCountEncoder {

  /**
   * The output key's time format: fixed width, UTC, milliseconds, so that every runtime can write
   * the same key (Spark: {@code date_format(start, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")} in UTC).
   */
  String KEY_TIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

  /** The framed value: magic byte, schema id, Avro body. */
  byte[] encode(WindowCount row);

  /**
   * The output record key, window start and actor label, such as {@code
   * 2023-07-29T07:51:30.000Z|Bot}: one key per (window, actor), so the output topic is idempotent
   * and compactable.
   */
  static String keyOf(WindowCount row) {
    return DateTimeFormatter.ofPattern(KEY_TIME_PATTERN)
            .withZone(ZoneOffset.UTC)
            .format(row.windowStart())
        + "|"
        + row.actor().label();
  }
}
