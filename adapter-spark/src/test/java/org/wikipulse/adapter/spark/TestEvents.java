package org.wikipulse.adapter.spark;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;

/**
 * Minimal RecentChange records at chosen times, in seconds after {@link #T}, an instant aligned to
 * the windows (a multiple of 60 s after the epoch).
 */
final class TestEvents {
  static final Instant T = Instant.parse("2024-04-26T00:00:00Z");

  private static final Schema META = AvroSchemas.RECENT_CHANGE.getField("meta").schema();

  private TestEvents() {}

  static GenericRecord edit(long second, Boolean bot) {
    return event("edit", second, bot, "en.wikipedia.org");
  }

  static GenericRecord human(long second) {
    return edit(second, false);
  }

  static GenericRecord bot(long second) {
    return edit(second, true);
  }

  static GenericRecord canary(long second) {
    return event("edit", second, false, "canary");
  }

  static GenericRecord event(String type, long second, Boolean bot, String domain) {
    GenericData.Record meta = new GenericData.Record(META);
    meta.put("domain", domain);
    meta.put("dt", T.plusSeconds(second).toString());
    meta.put("stream", "mediawiki.recentchange");
    GenericData.Record record = new GenericData.Record(AvroSchemas.RECENT_CHANGE);
    record.put("type", type);
    record.put("timestamp", T.getEpochSecond() + second);
    record.put("bot", bot);
    record.put("user", Boolean.TRUE.equals(bot) ? "ExampleBot" : "Example");
    record.put("title", "Example page");
    record.put("meta", meta);
    record.put("schema_uri", "/mediawiki/recentchange/1.0.0");
    return record;
  }
}
