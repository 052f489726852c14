package org.wikipulse.app.ingest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.avro.generic.GenericRecord;

/** Reads and shifts the event time of a RecentChange record. */
final class EventTimes {
  private EventTimes() {}

  /** The event time in unix seconds: the record's {@code timestamp}. */
  static long secondsOf(GenericRecord record) {
    return (Long) record.get("timestamp");
  }

  /** Moves the event time by a number of seconds: {@code timestamp} and {@code meta.dt} alike. */
  static void shift(GenericRecord record, long seconds) {
    long shifted = secondsOf(record) + seconds;
    record.put("timestamp", shifted);
    Object meta = record.get("meta");
    if (meta instanceof GenericRecord metaRecord && metaRecord.getSchema().getField("dt") != null) {
      metaRecord.put("dt", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(shifted)));
    }
  }
}
