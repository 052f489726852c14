package org.wikipulse.ports;

import java.time.Duration;

/** A started pipeline. */
public interface RunningPipeline extends AutoCloseable {

  /** Counters since this pipeline started. */
  PipelineProgress progress();

  /** What the runtime measures beyond the counters, now; what it cannot measure is left out. */
  PipelineMetrics metrics();

  /**
   * Waits until the pipeline stops by itself or fails.
   *
   * @param timeout how long to wait; positive (to poll, pass a millisecond)
   * @return true if it stopped within the timeout
   * @throws PipelineFailedException if it stopped because of an error
   */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  /** Stops the pipeline, keeping its durable state so that a restart goes on where it stopped. */
  @Override
  void close();
}
