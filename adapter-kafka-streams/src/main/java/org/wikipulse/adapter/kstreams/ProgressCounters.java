package org.wikipulse.adapter.kstreams;

import java.util.concurrent.atomic.LongAdder;
import org.wikipulse.ports.PipelineProgress;

/**
 * The pipeline's counters in this JVM, updated by the processors of every stream thread. They start
 * at zero with each start of the application: they are not part of the durable state.
 */
public final class ProgressCounters {
  final LongAdder recordsIn = new LongAdder();
  final LongAdder counted = new LongAdder();
  final LongAdder droppedLate = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder windowsOut = new LongAdder();

  /** A snapshot of the counters. */
  public PipelineProgress snapshot() {
    return new PipelineProgress(
        recordsIn.sum(), counted.sum(), droppedLate.sum(), deadLettered.sum(), windowsOut.sum());
  }
}
