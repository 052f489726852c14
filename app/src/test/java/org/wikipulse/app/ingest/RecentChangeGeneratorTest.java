package org.wikipulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;
import org.wikipulse.testkit.InMemorySchemaRegistry;
import org.wikipulse.testkit.RecentChangeGenerator;

class RecentChangeGeneratorTest {
  private static final int COUNT = 50_000;

  @Test
  void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
    List<GenericRecord> first =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 42).next(500);
    assertThat(RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 42).next(500))
        .isEqualTo(first);
    assertThat(RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 43).next(500))
        .isNotEqualTo(first);
  }

  @Test
  void recordsAreValidRecentChangesThatSurviveJson() {
    RecentChangeJson json = new RecentChangeJson();
    for (GenericRecord record :
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 5).next(2_000)) {
      assertThat(GenericData.get().validate(AvroSchemas.RECENT_CHANGE, record)).isTrue();
      assertThat(json.fromJson(json.toJson(record).toString(), 1)).isEqualTo(record);
    }
  }

  @Test
  void theMixFollowsRealTraffic() {
    List<GenericRecord> records =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 1).next(COUNT);
    Map<String, Integer> types = new HashMap<>();
    Set<String> wikis = new HashSet<>();
    int bots = 0;
    int absentBotFlags = 0;
    int canaries = 0;
    int counted = 0;
    for (GenericRecord record : records) {
      EditEvent event = RecentChangeRecords.toEditEvent(record);
      types.merge(event.type(), 1, Integer::sum);
      wikis.add(event.wiki());
      bots += Boolean.TRUE.equals(event.bot()) ? 1 : 0;
      absentBotFlags += event.bot() == null ? 1 : 0;
      canaries += EditRules.CANARY_DOMAIN.equals(event.metaDomain()) ? 1 : 0;
      counted += EditRules.isCounted(event) ? 1 : 0;
    }
    assertThat(share(bots)).isCloseTo(RecentChangeGenerator.BOT_SHARE, within(0.01));
    assertThat(share(absentBotFlags))
        .isCloseTo(RecentChangeGenerator.ABSENT_BOT_FLAG_SHARE, within(0.003));
    assertThat(types).containsOnlyKeys("edit", "categorize", "log", "new");
    assertThat(share(types.get("edit"))).isBetween(0.6, 0.7);
    assertThat(types.get("new")).isPositive();
    assertThat(wikis).hasSizeGreaterThan(30);
    assertThat(canaries).isBetween(20, 200);
    assertThat(counted).isLessThan(types.get("edit"));
  }

  @Test
  void aRecordEncodesToAboutSixHundredFiftyBytes() {
    RecentChangeWriter writer =
        new RecentChangeWriter(new InMemorySchemaRegistry(), "rc-value", AvroSchemas.RECENT_CHANGE);
    long bytes = 0;
    for (GenericRecord record :
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 9).next(10_000)) {
      bytes += writer.write(record).length;
    }
    assertThat(bytes / 10_000.0).isBetween(600.0, 700.0);
  }

  @Test
  void eventTimeAdvancesAtTheRateWithBoundedDisorder() {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    RecentChangeGenerator generator =
        new RecentChangeGenerator(AvroSchemas.RECENT_CHANGE, 8, start, 100, Duration.ofSeconds(20));
    long maxSeen = Long.MIN_VALUE;
    long maxLag = 0;
    int late = 0;
    long last = 0;
    for (int i = 0; i < COUNT; i++) {
      long t = (Long) generator.next().get("timestamp");
      if (t < maxSeen) {
        late++;
        maxLag = Math.max(maxLag, maxSeen - t);
      }
      maxSeen = Math.max(maxSeen, t);
      last = t;
    }
    assertThat(maxSeen - start.getEpochSecond()).isEqualTo(COUNT / 100 - 1);
    assertThat(maxLag).isEqualTo(20);
    assertThat(share(late)).isBetween(0.2, 0.4);
    assertThat(last).isGreaterThan(start.getEpochSecond());
  }

  @Test
  void withoutDisorderEventTimeNeverGoesBack() {
    RecentChangeGenerator generator =
        new RecentChangeGenerator(AvroSchemas.RECENT_CHANGE, 8, Instant.EPOCH, 7, Duration.ZERO);
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 1_000; i++) {
      long t = (Long) generator.next().get("timestamp");
      assertThat(t).isGreaterThanOrEqualTo(previous);
      previous = t;
    }
  }

  private static double share(int count) {
    return count / (double) COUNT;
  }
}
