package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.adapter.spark.TestEvents.bot;
import static org.wikipulse.adapter.spark.TestEvents.canary;
import static org.wikipulse.adapter.spark.TestEvents.edit;
import static org.wikipulse.adapter.spark.TestEvents.event;
import static org.wikipulse.adapter.spark.TestEvents.human;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * The runtime's micro-batch function on a memory stream, fed in explicit micro-batches, against the
 * domain's reference analysis: after each batch the rows written equal those the reference has
 * emitted, and the counters are the reference's.
 */
class BatchMergeTest {
  /** Far beyond every test's events: moves the watermark past all their windows. */
  private static final long FLUSH_SECOND = 10_000_000;

  /**
   * Purpose: the SEMANTICS worked example. Input: its seven events, one per batch, then a canary
   * far ahead. Pass: after each batch the rows written equal those the reference has emitted, and
   * in the end the rows, the late drop and the counters match it.
   */
  @Test
  void workedExampleOneEventPerBatch() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      for (GenericRecord event :
          List.of(
              human(10),
              bot(35),
              human(20),
              canary(100),
              human(25),
              human(150),
              bot(15),
              canary(FLUSH_SECOND))) {
        harness.feed(feed.records(event));
        assertThat(harness.sortedCounts()).isEqualTo(harness.referenceEmittedSoFar());
      }

      ReferenceResult reference = harness.reference();
      assertThat(reference.droppedLate()).isEqualTo(1);
      assertThat(harness.sortedCounts()).isEqualTo(reference.sortedRows());
      assertThat(harness.deadLetters()).isEmpty();
      assertThat(harness.progress().recordsIn()).isEqualTo(8);
      assertThat(harness.progress().counted()).isEqualTo(reference.counted()).isEqualTo(5);
      assertThat(harness.progress().droppedLate()).isEqualTo(1);
      assertThat(harness.progress().deadLettered()).isZero();
      assertThat(harness.progress().windowsOut()).isEqualTo(reference.rows().size());
    }
  }

  /**
   * Purpose: a realistic stream in event-time order. Input: 3,000 generated events (edits, other
   * types, canaries, absent bot flags) without disorder, in batches of 500. Pass: the rows equal
   * the reference's.
   */
  @Test
  void generatedEventsInOrder() {
    assertMatchesReferenceInBatches(generated(3_000, Duration.ZERO), 500);
  }

  /**
   * Purpose: out-of-order events within the allowed lateness are all counted. Input: 3,000
   * generated events up to 55 s out of order, in batches of 250. Pass: the reference drops none and
   * the rows equal its rows.
   */
  @Test
  void shuffledWithinLatenessNothingDropped() {
    List<GenericRecord> events = generated(3_000, Duration.ofSeconds(55));
    ReferenceResult reference = assertMatchesReferenceInBatches(events, 250);
    assertThat(reference.droppedLate()).isZero();
  }

  /**
   * Purpose: events behind the watermark are dropped per window. Input: batch 1 moves the watermark
   * to 140; batch 2 has an edit at 100 (late for [60,120), on time for [90,150)), one at 50 (late
   * for both its windows) and one at 130. Pass: the rows equal the reference's, which drops exactly
   * one event; so does the dropped-late counter.
   */
  @Test
  void lateBeyondLatenessDroppedPerWindow() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(feed.records(human(10), bot(35), human(200)));
      assertThat(harness.sortedCounts()).isEqualTo(harness.referenceEmittedSoFar());
      harness.feed(feed.records(human(100), bot(50), human(130)));
      assertThat(harness.sortedCounts()).isEqualTo(harness.referenceEmittedSoFar());
      harness.feed(feed.records(canary(FLUSH_SECOND)));

      ReferenceResult reference = harness.reference();
      assertThat(reference.droppedLate()).isEqualTo(1);
      assertThat(harness.sortedCounts()).isEqualTo(reference.sortedRows());
      assertThat(harness.sortedCounts())
          .contains(count(90, Actor.HUMAN, 2), count(120, Actor.HUMAN, 1))
          .extracting(WindowCount::windowStart)
          .doesNotContain(window(60).start());
      assertThat(harness.progress().droppedLate()).isEqualTo(1);
    }
  }

  /**
   * Purpose: the actor comes from the bot flag. Input: bot, human and flagless edits in the same
   * windows. Pass: rows for all three actors, equal to the reference's.
   */
  @Test
  void botHumanAndUnknownActors() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(
          feed.records(bot(5), human(6), edit(7, null), edit(8, null), bot(40), human(41)));
      harness.feed(feed.records(canary(FLUSH_SECOND)));

      assertThat(harness.sortedCounts()).isEqualTo(harness.reference().sortedRows());
      assertThat(harness.counts())
          .extracting(WindowCount::actor)
          .containsOnly(Actor.BOT, Actor.HUMAN, Actor.UNKNOWN);
      assertThat(harness.counts()).contains(count(0, Actor.UNKNOWN, 2));
    }
  }

  /**
   * Purpose: other event types and canaries are not counted but advance event time (the watermark
   * is set before the edit filter). Input: edits at 10 and 70 with other types beside them; then,
   * in their own batches, a canary at 150 and a log event at 300. Pass: nothing is written before
   * the canary; the canary alone makes the windows ending by 90 be written, the log event the one
   * ending by 240; no row counts a canary or a non-edit.
   */
  @Test
  void nonEditsAndCanariesAdvanceEventTimeButAreNotCounted() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(
          feed.records(
              human(10),
              bot(70),
              event("categorize", 20, false, "en.wikipedia.org"),
              event("new", 21, true, "en.wikipedia.org")));
      assertThat(harness.counts()).isEmpty();

      harness.feed(feed.records(canary(150)));
      assertThat(harness.sortedCounts())
          .isEqualTo(harness.referenceEmittedSoFar())
          .containsExactly(
              count(-30, Actor.HUMAN, 1), count(0, Actor.HUMAN, 1), count(30, Actor.BOT, 1));

      harness.feed(feed.records(event("log", 300, false, "en.wikipedia.org")));
      assertThat(harness.sortedCounts())
          .isEqualTo(harness.referenceEmittedSoFar())
          .contains(count(60, Actor.BOT, 1))
          .hasSize(4);

      harness.feed(feed.records(canary(FLUSH_SECOND)));
      assertThat(harness.sortedCounts()).isEqualTo(harness.reference().sortedRows()).hasSize(4);
      assertThat(harness.progress().counted()).isEqualTo(2);
    }
  }

  /**
   * Purpose: every kind of bad record becomes exactly one dead letter with its reason, its original
   * key, value and headers, and where it came from; good records around it are counted and the
   * query keeps running. Input: one batch mixing valid edits with one record per reason, then a
   * batch of valid edits. Pass: one dead letter per bad record with the expected headers; counts
   * equal the reference over the valid records.
   */
  @Test
  void everyBadRecordBecomesOneDeadLetter() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      BadRecords bad = new BadRecords(harness.registry);
      Map<KafkaRecord, DeadLetterReason> expected = new LinkedHashMap<>();
      expected.put(feed.raw(0, null), DeadLetterReason.EMPTY_VALUE);
      expected.put(feed.raw(0, new byte[0]), DeadLetterReason.EMPTY_VALUE);
      expected.put(feed.raw(0, BadRecords.truncatedHeader()), DeadLetterReason.TRUNCATED_HEADER);
      expected.put(feed.raw(0, bad.badMagicByte(human(1))), DeadLetterReason.BAD_MAGIC_BYTE);
      expected.put(feed.raw(0, bad.unknownSchemaId(human(2))), DeadLetterReason.UNKNOWN_SCHEMA_ID);
      expected.put(feed.raw(0, bad.truncatedAvro(human(3))), DeadLetterReason.UNDECODABLE_AVRO);
      expected.put(
          feed.raw(0, bad.incompatibleSchema(TestEvents.T.getEpochSecond())),
          DeadLetterReason.INCOMPATIBLE_SCHEMA);
      expected.put(
          feed.raw(0, bad.missingEventTime(human(4))), DeadLetterReason.MISSING_EVENT_TIME);
      List<KafkaRecord> batch = new ArrayList<>(feed.records(human(10), bot(12)));
      batch.addAll(expected.keySet());
      batch.addAll(feed.records(human(14)));
      harness.feed(batch);
      harness.feed(feed.records(human(40), canary(FLUSH_SECOND)));

      List<DeadLetter> deadLetters = harness.deadLetters();
      assertThat(deadLetters).hasSize(expected.size());
      for (Map.Entry<KafkaRecord, DeadLetterReason> entry : expected.entrySet()) {
        KafkaRecord original = entry.getKey();
        List<DeadLetter> matching =
            deadLetters.stream()
                .filter(deadLetter -> Arrays.equals(deadLetter.key(), original.key()))
                .toList();
        assertThat(matching).as("dead letters of offset %d", original.offset()).hasSize(1);
        assertDeadLetter(matching.get(0), original, entry.getValue());
      }
      assertThat(harness.sortedCounts()).isEqualTo(harness.reference().sortedRows()).isNotEmpty();
      assertThat(harness.progress().deadLettered()).isEqualTo(expected.size());
      assertThat(harness.progress().recordsIn()).isEqualTo(expected.size() + 5);
    }
  }

  /**
   * Purpose: each record decodes with its own writer schema, including one first seen mid-stream.
   * Input: a batch under RecentChange v1, one under v2 (registered only now), one under v1 again.
   * Pass: no dead letters; rows equal the reference's over all of them.
   */
  @Test
  void schemaEvolutionMidStream() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(feed.records(human(10), bot(20)));
      harness.feed(
          List.of(
              feed.record(0, human(30), AvroSchemas.RECENT_CHANGE_V2),
              feed.record(0, edit(45, null), AvroSchemas.RECENT_CHANGE_V2)));
      harness.feed(feed.records(bot(50), human(61)));
      harness.feed(feed.records(canary(FLUSH_SECOND)));

      assertThat(harness.deadLetters()).isEmpty();
      assertThat(harness.sortedCounts()).isEqualTo(harness.reference().sortedRows());
      assertThat(harness.progress().counted()).isEqualTo(6);
    }
  }

  private static void assertDeadLetter(
      DeadLetter deadLetter, KafkaRecord original, DeadLetterReason reason) {
    assertThat(deadLetter.value()).isEqualTo(original.value());
    List<DeadLetter.Header> headers = deadLetter.headers();
    assertThat(headers.get(0).key()).isEqualTo("producer");
    assertThat(new String(headers.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("test");
    Map<String, String> added = new LinkedHashMap<>();
    for (DeadLetter.Header header : headers.subList(1, headers.size())) {
      added.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    assertThat(added)
        .containsEntry(DeadLetterHeaders.ERROR_CLASS, reason.name())
        .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, original.topic())
        .containsEntry(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(original.partition()))
        .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(original.offset()))
        .containsKey(DeadLetterHeaders.ERROR_MESSAGE)
        .hasSize(5);
    assertThat(added.get(DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
  }

  private ReferenceResult assertMatchesReferenceInBatches(List<GenericRecord> events, int size) {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      for (int from = 0; from < events.size(); from += size) {
        harness.feed(
            feed.records(
                events
                    .subList(from, Math.min(events.size(), from + size))
                    .toArray(GenericRecord[]::new)));
      }
      harness.feed(feed.records(canary(FLUSH_SECOND)));
      ReferenceResult reference = harness.reference();
      assertThat(harness.sortedCounts()).isEqualTo(reference.sortedRows()).isNotEmpty();
      assertThat(harness.deadLetters()).isEmpty();
      assertThat(harness.progress().recordsIn()).isEqualTo(events.size() + 1);
      return reference;
    }
  }

  private static List<GenericRecord> generated(int count, Duration maxDisorder) {
    return new RecentChangeGenerator(AvroSchemas.RECENT_CHANGE, 42, TestEvents.T, 5, maxDisorder)
        .next(count);
  }

  private static Window window(long startSecond) {
    return WindowSpec.DEFAULT.windowStartingAt(TestEvents.T.plusSeconds(startSecond));
  }

  /** A row of the default window starting at the given second. */
  private static WindowCount count(long startSecond, Actor actor, long count) {
    return new WindowCount(window(startSecond), actor, count);
  }
}
