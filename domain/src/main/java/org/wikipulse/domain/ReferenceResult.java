package org.wikipulse.domain;

import java.util.List;

/**
 * What the {@link ReferenceAnalysis} emitted for a whole bounded input, flush included.
 *
 * @param rows every emitted row, in emission order
 * @param eventsIn how many decoded events went in
 * @param counted how many counted events were added to at least one window
 * @param droppedLate how many counted events were dropped as late
 */
public record ReferenceResult(
    List<WindowCount> rows, long eventsIn, long counted, long droppedLate) {

  public ReferenceResult {
    rows = List.copyOf(rows);
  }

  /** Runs a whole bounded input through a fresh analysis and flushes it. */
  public static ReferenceResult of(
      WindowSpec spec, int partitions, Iterable<? extends ReferenceInput> inputs) {
    ReferenceAnalysis analysis = new ReferenceAnalysis(spec, partitions);
    List<WindowCount> rows = new java.util.ArrayList<>();
    for (ReferenceInput input : inputs) {
      if (input instanceof ReferenceInput.Event e) {
        rows.addAll(analysis.accept(e.partition(), e.event()));
      } else if (input instanceof ReferenceInput.Idle i) {
        rows.addAll(analysis.markIdle(i.partition()));
      }
    }
    rows.addAll(analysis.flush());
    return new ReferenceResult(
        rows, analysis.eventsIn(), analysis.counted(), analysis.droppedLate());
  }

  /**
   * The rows in output order (window, then actor), for comparing runtimes that emit in parallel.
   */
  public List<WindowCount> sortedRows() {
    return rows.stream().sorted(WindowCount.ORDER).toList();
  }
}
