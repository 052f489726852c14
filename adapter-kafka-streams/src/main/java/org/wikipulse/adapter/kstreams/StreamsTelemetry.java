package org.wikipulse.adapter.kstreams;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.wikipulse.domain.Watermarks;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.PipelineProgress;

/**
 * What the Kafka Streams pipeline tells about itself in this JVM (its counters and gauges, and the
 * observer of each output row), updated by the processors of every stream thread. They start at
 * zero with each start of the application: they are not part of the durable state (the event times
 * and the watermark are filled in again from the state stores as tasks start). Under exactly-once
 * the counters count what is committed (through {@link TaskMetrics} and {@link UncommittedCounts});
 * the gauges show what the processors have seen, committed or not, so after an aborted transaction
 * they may be ahead until the records are processed again.
 */
public final class StreamsTelemetry {
  final LongAdder recordsIn = new LongAdder();
  final LongAdder counted = new LongAdder();
  final LongAdder droppedLate = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder windowsOut = new LongAdder();
  private final Map<DeadLetterReason, LongAdder> deadLettersByReason =
      new EnumMap<>(DeadLetterReason.class);
  private final ConcurrentMap<Integer, AtomicLong> newestEventTimes = new ConcurrentHashMap<>();
  private final AtomicLong pipelineWatermark = new AtomicLong(Watermarks.NONE);
  private final UncommittedCounts uncommitted = new UncommittedCounts();
  private final PipelineObserver observer;

  public StreamsTelemetry() {
    this(PipelineObserver.NONE);
  }

  /**
   * @param observer hears each output row's close-to-output delay
   */
  public StreamsTelemetry(PipelineObserver observer) {
    this.observer = observer;
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLettersByReason.put(reason, new LongAdder());
    }
  }

  /** A snapshot of the counters. */
  public PipelineProgress snapshot() {
    return new PipelineProgress(
        recordsIn.sum(), counted.sum(), droppedLate.sum(), deadLettered.sum(), windowsOut.sum());
  }

  /** The gauges and per-reason counts; consumer lag is the pipeline's to add. */
  PipelineMetrics metrics(Map<Integer, Long> partitionLag) {
    Map<Integer, Instant> eventTimes = new HashMap<>();
    newestEventTimes.forEach(
        (source, ms) -> {
          long value = ms.get();
          if (value != Watermarks.NONE) {
            eventTimes.put(source, Instant.ofEpochMilli(value));
          }
        });
    Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    deadLettersByReason.forEach((reason, count) -> byReason.put(reason, count.sum()));
    long watermark = pipelineWatermark.get();
    return new PipelineMetrics(
        watermark == Watermarks.NONE
            ? Optional.empty()
            : Optional.of(Instant.ofEpochMilli(watermark)),
        eventTimes,
        partitionLag,
        byReason);
  }

  /** The process-wide count of dead letters for one reason. */
  LongAdder deadLettersOf(DeadLetterReason reason) {
    return deadLettersByReason.get(reason);
  }

  /** The counts of each stream thread's tasks that wait for the thread's transaction. */
  UncommittedCounts uncommitted() {
    return uncommitted;
  }

  /** Where a source's task publishes the source's newest event time (a cheap ordered store). */
  AtomicLong newestEventTimeOf(int source) {
    return newestEventTimes.computeIfAbsent(source, s -> new AtomicLong(Watermarks.NONE));
  }

  void pipelineWatermark(long watermarkMs) {
    pipelineWatermark.set(watermarkMs);
  }

  PipelineObserver observer() {
    return observer;
  }
}
