package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.adapter.spark.TestEvents.bot;
import static org.wikipulse.adapter.spark.TestEvents.canary;
import static org.wikipulse.adapter.spark.TestEvents.human;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * The decoding step on its own, without Spark: events combined by event time, counting and actor,
 * in groups of bounded number, and dead letters stored before the partition's rows end.
 */
class DecodeEventsTest {
  private final String registryName = "decode-events-" + UUID.randomUUID();
  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.named(registryName);
  private final WireCodecs codecs =
      new ConfluentWireCodecs(new InMemoryRegistryConnector(registryName), "out-value");
  private final EventFeed feed = new EventFeed(registry, "in");
  private final CollectedDeadLetters deadLetters = new CollectedDeadLetters("in-dead-letters");

  /**
   * Purpose: events of equal second and actor become one row with their number; events not counted
   * keep only their event time. Input: three Human edits at second 10, one Bot edit at second 10,
   * two canaries at second 10 and one at 11. Pass: four rows: (10, Human, 3), (10, Bot, 1), (10,
   * not counted, 2), (11, not counted, 1).
   */
  @Test
  void eventsOfEqualTimeAndActorBecomeOneRow() {
    List<Row> rows =
        decode(
            new DecodeEvents(codecs, deadLetters),
            human(10),
            bot(10),
            human(10),
            canary(10),
            human(10),
            canary(10),
            canary(11));

    assertThat(rows)
        .extracting(DecodeEventsTest::describe)
        .containsExactlyInAnyOrder(
            "10 counted Human x3", "10 counted Bot x1", "10 other x2", "11 other x1");
  }

  /**
   * Purpose: the number of groups held at once is bounded, and the rows still add up. Input: 50
   * Human edits over 10 distinct seconds, 5 each, interleaved, with at most 3 groups at a time.
   * Pass: more rows than 10 (groups were cut), and per second the events sum to 5.
   */
  @Test
  void groupsAreBoundedAndStillAddUp() {
    List<GenericRecord> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(human(i % 10));
    }
    List<Row> rows =
        decode(new DecodeEvents(codecs, deadLetters, 3), events.toArray(GenericRecord[]::new));

    assertThat(rows).hasSizeGreaterThan(10);
    Map<Long, Long> perSecond = new TreeMap<>();
    for (Row row : rows) {
      perSecond.merge(secondOf(row), row.getLong(4), Long::sum);
    }
    assertThat(perSecond).hasSize(10).allSatisfy((second, sum) -> assertThat(sum).isEqualTo(5));
  }

  /**
   * Purpose: a bad record becomes a dead letter, stored by the time the partition's rows end, and
   * one row counts the dead letters. Input: a Human edit and two undecodable values. Pass: two dead
   * letters stored once iteration ends, none before the first row; rows: the edit and a
   * dead-lettered row of 2.
   */
  @Test
  void deadLettersAreStoredWhenThePartitionEnds() {
    List<KafkaRecord> records = new ArrayList<>(feed.records(human(10)));
    records.add(feed.raw(0, new byte[] {9}));
    records.add(feed.raw(0, null));
    Iterator<Row> rows =
        new DecodeEvents(codecs, deadLetters)
            .call(records.stream().map(KafkaRecord::toRow).iterator());

    List<String> described = new ArrayList<>();
    described.add(describe(rows.next()));
    assertThat(deadLetters.rows()).isEmpty();
    rows.forEachRemaining(row -> described.add(describe(row)));

    assertThat(described).containsExactlyInAnyOrder("10 counted Human x1", "dead-lettered x2");
    assertThat(deadLetters.rows()).hasSize(2);
  }

  private List<Row> decode(DecodeEvents decodeEvents, GenericRecord... events) {
    List<Row> rows = new ArrayList<>();
    decodeEvents
        .call(feed.records(events).stream().map(KafkaRecord::toRow).iterator())
        .forEachRemaining(rows::add);
    return rows;
  }

  private static long secondOf(Row row) {
    return (((Timestamp) row.get(0)).toInstant().getEpochSecond() - TestEvents.T.getEpochSecond());
  }

  private static String describe(Row row) {
    if (row.getBoolean(3)) {
      return "dead-lettered x" + row.getLong(4);
    }
    return secondOf(row)
        + (row.getBoolean(1) ? " counted " + row.getString(2) : " other")
        + " x"
        + row.getLong(4);
  }
}
