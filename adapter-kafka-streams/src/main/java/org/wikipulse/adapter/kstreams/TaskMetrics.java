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
 * A task's counters: each adds to the process-wide {@link StreamsTelemetry} at once, and to a Kafka
 * Streams metric ({@code <name>-total} in group {@value #GROUP}, tagged with the task and thread)
 * when {@link #flush()} runs, so that the per-record cost stays one addition.
 */
final class TaskMetrics {
  static final String GROUP = "wikipulse-metrics";

  private final StreamsMetrics metrics;
  private final String taskId;
  private final List<Counter> counters = new ArrayList<>();

  TaskMetrics(ProcessingContext context) {
    this.metrics = context.metrics();
    this.taskId = context.taskId().toString();
  }

  /** One counter of a task. Not thread-safe: used by its task's thread only. */
  static final class Counter {
    private final LongAdder processWide;
    private final Sensor sensor;
    private long count;
    private long recorded;

    private Counter(LongAdder processWide, Sensor sensor) {
      this.processWide = processWide;
      this.sensor = sensor;
    }

    void increment() {
      add(1);
    }

    void add(long n) {
      processWide.add(n);
      count += n;
    }

    private void flush() {
      if (count != recorded) {
        sensor.record(count - recorded);
        recorded = count;
      }
    }
  }

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
    Counter counter = new Counter(processWide, sensor);
    counters.add(counter);
    return counter;
  }

  /** Publishes what was counted since the last flush to the Kafka Streams metrics. */
  void flush() {
    counters.forEach(Counter::flush);
  }

  /** Flushes and removes the task's sensors, which a reassigned task registers anew. */
  void close() {
    flush();
    counters.forEach(counter -> metrics.removeSensor(counter.sensor));
    counters.clear();
  }
}
