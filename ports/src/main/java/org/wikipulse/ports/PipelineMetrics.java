package org.wikipulse.ports;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running pipeline measures of itself beyond its {@link PipelineProgress} counters, as of
 * one moment. A figure the runtime cannot measure is left out (an empty map or optional), never
 * reported as zero.
 *
 * @param watermark the pipeline watermark, once there is one
 * @param partitionEventTimes the newest event time seen in each input partition, by partition
 * @param partitionLag records in each input partition that the pipeline has not read yet, by
 *     partition
 * @param deadLettersByReason records dead-lettered since start, by reason; a runtime that measures
 *     these lists every reason, with zero for those that did not occur
 */
public record PipelineMetrics(
    Optional<Instant> watermark,
    Map<Integer, Instant> partitionEventTimes,
    Map<Integer, Long> partitionLag,
    Map<DeadLetterReason, Long> deadLettersByReason) {

  /** Nothing measured. */
  public static final PipelineMetrics NONE =
      new PipelineMetrics(Optional.empty(), Map.of(), Map.of(), Map.of());

  public PipelineMetrics {
    Objects.requireNonNull(watermark, "watermark");
    partitionEventTimes = Map.copyOf(partitionEventTimes);
    partitionLag = Map.copyOf(partitionLag);
    deadLettersByReason = Map.copyOf(deadLettersByReason);
  }
}
