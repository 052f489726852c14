package org.wikipulse.app.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.testkit.RecentChangeGenerator;

/** The seeded synthetic stream, endless; event time starts at the given instant. */
public final class GeneratorSource implements RecentChangeSource {
  private final long seed;
  private final RecentChangeGenerator generator;
  private final double eventsPerSecond;

  /**
   * @param eventsPerSecond how many events fall in each second of event time
   * @param maxDisorder how far behind the newest event time an event may come
   */
  public GeneratorSource(long seed, Instant start, double eventsPerSecond, Duration maxDisorder) {
    this.seed = seed;
    this.eventsPerSecond = eventsPerSecond;
    this.generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE, seed, start, eventsPerSecond, maxDisorder);
  }

  @Override
  public void feed(Predicate<GenericRecord> sink) {
    while (sink.test(generator.next())) {
      // The sink decides when enough is enough.
    }
  }

  @Override
  public String describe() {
    return "generator (seed " + seed + ", " + eventsPerSecond + " events per event-time second)";
  }
}
