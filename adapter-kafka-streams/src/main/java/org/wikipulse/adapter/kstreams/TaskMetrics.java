package org.wikipulse.adapter.kstreams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * A task's counters, each feeding a process-wide {@link StreamsTelemetry} counter and, where it has
 * a name, a Kafka Streams metric ({@code <name>-total} in group {@value #GROUP}, tagged with the
 * task and thread). Under exactly-once both count what is committed: a task's counts wait until its
 * stream thread's transaction commits, and are dropped when it aborts or the task closes without a
 * commit (see {@link UncommittedCounts}). Under at-least-once the process-wide counters grow at
 * once and the metrics at {@link #flush()}, so that the per-record cost stays one addition.
 */
final class TaskMetrics {
  static final String GROUP = "wikipulse-metrics";

  private final StreamsMetrics metrics;
  private final String taskId;
  private final UncommittedCounts.OfThread thread;
  private final List<Counter> counters = new ArrayList<>();

  /**
   * Call from the task's processor's {@code init}, which runs on the stream thread that processes
   * and commits the task.
   */
  TaskMetrics(ProcessingContext context, UncommittedCounts uncommitted) {
    this.metrics = context.metrics();
    this.taskId = context.taskId().toString();
    this.thread =
        UncommittedCounts.waitForCommit(context.appConfigs())
            ? uncommitted.ofCurrentThread()
            : null;
    if (thread != null) {
      thread.add(this);
    }
  }

  /** One counter of a task. Not thread-safe: used by its task's thread only. */
  static final class Counter {
    private final LongAdder processWide;
    private final Sensor sensor;
    private final boolean waitForCommit;

    /** Counted since the last commit (exactly-once). */
    private long uncommitted;

    /** Added to the process-wide counter, not yet to the metric (at-least-once). */
    private long unrecorded;

    private Counter(LongAdder processWide, Sensor sensor, boolean waitForCommit) {
      this.processWide = processWide;
      this.sensor = sensor;
      this.waitForCommit = waitForCommit;
    }

    void increment() {
      add(1);
    }

    void add(long n) {
      if (waitForCommit) {
        uncommitted += n;
      } else {
        processWide.add(n);
        unrecorded += n;
      }
    }

    private void committed() {
      if (uncommitted != 0) {
        processWide.add(uncommitted);
        record(uncommitted);
        uncommitted = 0;
      }
    }

    private void aborted() {
      uncommitted = 0;
    }

    private void flush() {
      if (unrecorded != 0) {
        record(unrecorded);
        unrecorded = 0;
      }
    }

    private void record(long n) {
      if (sensor != null) {
        sensor.record(n);
      }
    }
  }

  /** A counter with a Kafka Streams metric of its own. */
  Counter counter(String name, String description, LongAdder processWide) {
    Sensor sensor =
        metrics.addSensor("wikipulse." + taskId + "." + name, Sensor.RecordingLevel.INFO);
    sensor.add(
        new MetricName(
            name + "-total",
            GROUP,
            description,
            Map.of("task-id", taskId, "thread-id", Thread.currentThread().getName())),
        new CumulativeSum());
    return add(new Counter(processWide, sensor, thread != null));
  }

  /** A counter of the process-wide counters only, such as the dead letters of one reason. */
  Counter counter(LongAdder processWide) {
    return add(new Counter(processWide, null, thread != null));
  }

  private Counter add(Counter counter) {
    counters.add(counter);
    return counter;
  }

  /** The stream thread's transaction committed. */
  void committed() {
    counters.forEach(Counter::committed);
  }

  /** The stream thread's transaction aborted. */
  void aborted() {
    counters.forEach(Counter::aborted);
  }

  /** Publishes what was counted since the last flush to the metrics (at-least-once). */
  void flush() {
    counters.forEach(Counter::flush);
  }

  /**
   * Drops what was counted since the last commit and removes the task's sensors, which a reassigned
   * task registers anew. Kafka Streams commits a task before a clean close, so what is left here
   * was never committed: the task's records are processed again.
   */
  void close() {
    aborted();
    flush();
    counters.forEach(
        counter -> {
          if (counter.sensor != null) {
            metrics.removeSensor(counter.sensor);
          }
        });
    counters.clear();
    if (thread != null) {
      thread.remove(this);
    }
  }
}
