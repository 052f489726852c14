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
 * Where Spark's answer differs from the reference, measured rather than asserted away (see the
 * package notes): Spark answers as the reference does with all partitions taken as one, and with
 * the watermark moved per micro-batch instead of per record.
 */
class SemanticGapTest {
  private static final long FLUSH_SECOND = 10_000_000;

  /**
   * Purpose: SEMANTICS example 2, a partition behind the other. Input: partition 0's edit at 10 and
   * canary at 200 in one batch, then partition 1's edits at 20 and 40 and canary at 210. Pass:
   * Spark drops partition 1's edits, as the one-partition reference does, while the reference on
   * two partitions (minimum watermark) counts them.
   */
  @Test
  void aPartitionBehindTheOthersLosesItsEvents() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(
          List.of(
              feed.record(0, human(10), AvroSchemas.RECENT_CHANGE),
              feed.record(0, canary(200), AvroSchemas.RECENT_CHANGE)));
      harness.feed(
          List.of(
              feed.record(1, bot(20), AvroSchemas.RECENT_CHANGE),
              feed.record(1, human(40), AvroSchemas.RECENT_CHANGE),
              feed.record(1, canary(210), AvroSchemas.RECENT_CHANGE),
              feed.record(1, canary(FLUSH_SECOND), AvroSchemas.RECENT_CHANGE)));

      ReferenceResult perPartition = harness.referenceOnPartitions(2);
      assertThat(perPartition.droppedLate()).isZero();
      assertThat(harness.reference().droppedLate()).isEqualTo(2);
      assertThat(harness.sortedCounts())
          .isEqualTo(harness.reference().sortedRows())
          .hasSize(2)
          .isNotEqualTo(perPartition.sortedRows());
    }
  }

  /**
   * Purpose: lateness within one micro-batch. Input: one batch with an edit at 200, then one at 10
   * (late by 190 s). Pass: the reference drops the second; Spark, whose watermark is still unset
   * during the batch, counts it.
   */
  @Test
  void aRecordLateBehindAnEarlierRecordOfItsBatchIsCounted() {
    try (TransformHarness harness = new TransformHarness()) {
      EventFeed feed = harness.feed;
      harness.feed(feed.records(human(200), human(10)));
      harness.feed(feed.records(canary(FLUSH_SECOND)));

      ReferenceResult reference = harness.reference();
      assertThat(reference.droppedLate()).isEqualTo(1);
      assertThat(harness.sortedCounts()).hasSize(reference.rows().size() + 2);
      assertThat(harness.sortedCounts()).containsAll(reference.sortedRows());
    }
  }
}
