package org.wikipulse.adapter.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.wikipulse.ports.PipelineProgress;

/**
 * Sums the query's per-micro-batch progress into the port's counters.
 *
 * <ul>
 *   <li>{@code recordsIn}: decoded events plus dead letters, by observed metrics of the decoding
 *       step; exact for batches that complete (a batch re-run after a restart counts again, as its
 *       output is written again by the at-least-once Kafka sink).
 *   <li>{@code deadLettered}: records sent to the dead-letter sink, by an observed metric; exact as
 *       above.
 *   <li>{@code counted}: decoded events that are counted by the rules, by an observed metric. An
 *       upper bound: it includes events later dropped as late, because Spark drops by window after
 *       exploding events into windows and cannot tell per event.
 *   <li>{@code droppedLate}: the state operator's {@code numRowsDroppedByWatermark}. Not a count of
 *       events: Spark counts (window, actor) rows after partial aggregation, so several late events
 *       of one window and actor count once, and an event late for two windows counts twice.
 *   <li>{@code windowsOut}: rows the append-mode state operator evicted and wrote ({@code
 *       numRowsRemoved}); exact.
 * </ul>
 */
final class ProgressCounters {
  private long recordsIn;
  private long counted;
  private long droppedLate;
  private long deadLettered;
  private long windowsOut;

  synchronized void add(StreamingQueryProgress progress) {
    Row decoded = progress.observedMetrics().get(EditCountQuery.DECODED_METRICS);
    if (decoded != null) {
      long rejected = decoded.<Long>getAs(EditCountQuery.DEAD_LETTERS);
      recordsIn += decoded.<Long>getAs(EditCountQuery.DECODED_EVENTS) + rejected;
      counted += decoded.<Long>getAs(EditCountQuery.COUNTABLE_EVENTS);
      deadLettered += rejected;
    }
    for (StateOperatorProgress state : progress.stateOperators()) {
      droppedLate += state.numRowsDroppedByWatermark();
      windowsOut += state.numRowsRemoved();
    }
  }

  synchronized PipelineProgress snapshot() {
    return new PipelineProgress(recordsIn, counted, droppedLate, deadLettered, windowsOut);
  }
}
