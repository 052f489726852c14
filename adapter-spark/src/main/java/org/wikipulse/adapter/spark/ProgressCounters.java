package org.wikipulse.adapter.spark;

import org.wikipulse.ports.PipelineProgress;

/**
 * The pipeline's counters in this driver, added to by each committed micro-batch: exact, since the
 * driver's merge decides every event as the reference does. They start at zero with each start (a
 * batch skipped as already committed adds nothing); they are not part of the committed state.
 */
final class ProgressCounters {
  private long recordsIn;
  private long counted;
  private long droppedLate;
  private long deadLettered;
  private long windowsOut;

  synchronized void add(
      long records, long countedEvents, long lateEvents, long deadLetters, long rows) {
    recordsIn += records;
    counted += countedEvents;
    droppedLate += lateEvents;
    deadLettered += deadLetters;
    windowsOut += rows;
  }

  synchronized PipelineProgress snapshot() {
    return new PipelineProgress(recordsIn, counted, droppedLate, deadLettered, windowsOut);
  }
}
