package org.wikipulse.ports;

import java.time.Duration;

/**
 * Hears a running pipeline's timings as they happen, for histograms that a snapshot cannot carry.
 * Called from the runtime's own threads: implementations must be thread-safe and quick. A runtime
 * that cannot measure one of these never calls it.
 */
public interface PipelineObserver {

  /** Hears nothing. */
  PipelineObserver NONE = new PipelineObserver() {};

  /**
   * One output row was handed to the output topic's producer.
   *
   * @param closeToOutput wall-clock time from the input record that made the row's window closable
   *     (its Kafka timestamp, the producer's clock) to the row's hand-over
   */
  default void rowWritten(Duration closeToOutput) {}

  /**
   * A micro-batch finished, for runtimes that work in micro-batches.
   *
   * @param duration from the batch's trigger to its commit
   */
  default void microBatchCompleted(Duration duration) {}
}
