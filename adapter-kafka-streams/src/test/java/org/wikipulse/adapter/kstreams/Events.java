package org.wikipulse.adapter.kstreams;

import java.time.Instant;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.testkit.RecentChangeGenerator;

/** Hand-made RecentChange records for the worked examples. */
final class Events {
  /** An instant that is a multiple of 60 s, the T of the examples in SEMANTICS.md. */
  static final long T = Instant.parse("2024-04-26T00:00:00Z").getEpochSecond();

  private static final GenericRecord TEMPLATE =
      RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 7).next();

  private Events() {}

  /** An edit at T + seconds; {@code bot} null means the flag is absent. */
  static GenericRecord edit(long seconds, Boolean bot) {
    return event("edit", seconds, bot, "en.wikipedia.org");
  }

  static GenericRecord human(long seconds) {
    return edit(seconds, false);
  }

  static GenericRecord bot(long seconds) {
    return edit(seconds, true);
  }

  /** A canary edit at T + seconds: not counted, but it moves event time. */
  static GenericRecord canary(long seconds) {
    return event("edit", seconds, false, "canary");
  }

  /** An event of any type at T + seconds. */
  static GenericRecord event(String type, long seconds, Boolean bot, String metaDomain) {
    GenericRecord record = GenericData.get().deepCopy(AvroSchemas.RECENT_CHANGE, TEMPLATE);
    record.put("type", type);
    record.put("timestamp", T + seconds);
    record.put("bot", bot);
    ((GenericRecord) record.get("meta")).put("domain", metaDomain);
    return record;
  }
}
