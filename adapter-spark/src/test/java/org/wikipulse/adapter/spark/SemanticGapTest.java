package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.adapter.spark.TestEvents.bot;
import static org.wikipulse.adapter.spark.TestEvents.canary;
import static org.wikipulse.adapter.spark.TestEvents.human;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.domain.ReferenceResult;

/**
 * Where Spark's own windowed aggregation differs from the reference (its watermark is the maximum
 * over partitions and moves only between micro-batches; it has no idleness), shown not to happen in
 * this runtime: a regression test that the gaps stay closed.
 */
class SemanticGapTest {
  private static final long FLUSH_SECOND = 10_000_000;

  /**
   * Purpose: SEMANTICS example 2, a partition behind the other. Input: partition 0's edit at 10 and
   * canary at 200 in one batch, then partition 1's edits at 20 and 40 and canary at 210, then a
   * canary far ahead on both. Pass: nothing dropped; the rows equal the two-partition reference's,
   * including partition 1's edits (Spark's maximum-based watermark dropped them).
   */
  @Test
  void aPartitionBehindTheOthersLosesNothing() {
    try (TransformHarness harness = new TransformHarness(2)) {
      EventFeed feed = harness.feed;
      harness.feed(
          List.of(
              feed.record(0, human(10), AvroSchemas.RECENT_CHANGE),
              feed.record(0, canary(200), AvroSchemas.RECENT_CHANGE)));
      harness.feed(
          List.of(
              feed.record(1, bot(20), AvroSchemas.RECENT_CHANGE),
              feed.record(1, human(40), AvroSchemas.RECENT_CHANGE),
              feed.record(1, canary(210), AvroSchemas.RECENT_CHANGE)));
      harness.feed(
          List.of(
              feed.record(0, canary(FLUSH_SECOND), AvroSchemas.RECENT_CHANGE),
              feed.record(1, canary(FLUSH_SECOND), AvroSchemas.RECENT_CHANGE)));

      ReferenceResult reference = harness.reference();
      assertThat(reference.droppedLate()).isZero();
      assertThat(harness.sortedCounts()).isEqualTo(reference.sortedRows()).hasSize(5);
      assertThat(harness.progress().droppedLate()).isZero();
      assertThat(harness.progress().counted()).isEqualTo(3);
    }
  }

  /**
   * Purpose: lateness within one micro-batch. Input: one batch with an edit at 200, then one at 10
   * (late by 190 s), then a canary far ahead. Pass: the second is dropped, as the reference drops
   * it record by record (Spark's watermark, unset during the batch, counted it), and the
   * dropped-late counter says one event.
   */
  @Test
  void aRecordLateBehindAnEarlierRecordOfItsBatchIsDropped() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(feed.records(human(200), human(10)));
      harness.feed(feed.records(canary(FLUSH_SECOND)));

      ReferenceResult reference = harness.reference();
      assertThat(reference.droppedLate()).isEqualTo(1);
      assertThat(harness.sortedCounts()).isEqualTo(reference.sortedRows()).hasSize(2);
      assertThat(harness.progress().droppedLate()).isEqualTo(1);
      assertThat(harness.progress().counted()).isEqualTo(1);
    }
  }

  /**
   * Purpose: a silent partition stops holding time back once the idle timeout has passed on the
   * processing-time clock. Input: two partitions; partition 0's edit at 10 and canary at 200;
   * partition 1 never has data. Pass: nothing is written before the idle timeout passes; after it
   * (a batch without data), partition 0's windows are written.
   */
  @Test
  void aSilentPartitionStopsHoldingTimeBackAfterTheIdleTimeout() {
    try (TransformHarness harness = new TransformHarness(2)) {
      EventFeed feed = harness.feed;
      harness.feed(
          List.of(
              feed.record(0, human(10), AvroSchemas.RECENT_CHANGE),
              feed.record(0, canary(200), AvroSchemas.RECENT_CHANGE)));
      assertThat(harness.counts()).as("partition 1 holds the watermark back").isEmpty();

      harness.letTheIdleTimeoutPass();

      assertThat(harness.sortedCounts()).hasSize(2).allMatch(row -> row.count() == 1);
    }
  }

  /**
   * Purpose: a wholly quiet input still closes its windows (Spark runs no micro-batch without new
   * data, so the silence is checked between batches). Input: two partitions; partition 0's edit at
   * 10 and canary at 200, then nothing. Pass: once the idle timeout has passed on the clock, with
   * no further batch, partition 0's windows are written, and the counters count them.
   */
  @Test
  void aQuietInputClosesItsWindowsWithoutAnotherBatch() throws InterruptedException {
    try (TransformHarness harness = new TransformHarness(2)) {
      EventFeed feed = harness.feed;
      harness.feed(
          List.of(
              feed.record(0, human(10), AvroSchemas.RECENT_CHANGE),
              feed.record(0, canary(200), AvroSchemas.RECENT_CHANGE)));
      assertThat(harness.counts()).isEmpty();

      harness.letTheIdleTimeoutPassQuietly();

      assertThat(harness.sortedCounts()).hasSize(2).allMatch(row -> row.count() == 1);
      assertThat(harness.progress().windowsOut()).isEqualTo(2);
      assertThat(harness.progress().counted()).isEqualTo(1);
    }
  }
}
