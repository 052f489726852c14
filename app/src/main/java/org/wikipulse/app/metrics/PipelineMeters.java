package org.wikipulse.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.wikipulse.adapter.registry.client.ConfluentRegistryClient;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.PipelineMetrics;
import org.wikipulse.ports.PipelineObserver;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.RunningPipeline;

/**
 * The pipeline's figures as Micrometer meters in a Prometheus registry, tagged with the runtime's
 * name, beside the JVM's own. Counters and gauges read the latest {@link #refresh() snapshot}; the
 * histograms hear the runtime as it goes, through {@link PipelineObserver}. A meter exists only
 * once the runtime has measured it: what a runtime cannot measure is absent, not zero.
 */
public final class PipelineMeters implements PipelineObserver, AutoCloseable {
  private static final Duration[] DELAY_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Map<String, Meter> keyedGauges = new HashMap<>();
  private volatile RunningPipeline pipeline;
  private volatile Snapshot latest = Snapshot.EMPTY;
  private volatile Timer closeToOutput;
  private volatile Timer microBatches;
  private final Map<Actor, Counter> windowEdits = new EnumMap<>(Actor.class);

  /** The pipeline's counters and measures as of one moment. */
  public record Snapshot(PipelineProgress progress, PipelineMetrics metrics) {
    static final Snapshot EMPTY = new Snapshot(PipelineProgress.NONE, PipelineMetrics.NONE);
  }

  /**
   * @param runtime the runtime's name, the {@code runtime} label of every meter
   */
  public PipelineMeters(String runtime) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("runtime", runtime);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    for (Actor actor : Actor.values()) {
      windowEdits.put(
          actor,
          Counter.builder("wikipulse.window.edits")
              .description(
                  "Edits in the output rows read back, by actor; each edit once per window it is in")
              .tag("actor", actor.label())
              .register(registry));
    }
  }

  /** Exports the registry client's schema lookups of this JVM. */
  public void bindRegistry(ConfluentRegistryClient client) {
    counter(
        "wikipulse.registry.schema.lookups",
        "Writer schemas asked for by id",
        client,
        c -> c.schemaLookups());
    counter(
        "wikipulse.registry.schema.cache.hits",
        "Schema lookups answered without asking the registry",
        client,
        c -> c.schemaCacheHits());
    counter(
        "wikipulse.registry.http.requests",
        "HTTP requests sent to the registry, retries included",
        client,
        c -> c.httpRequestCount());
  }

  /** Exports a started pipeline's counters; call once, right after the start. */
  public void bindPipeline(RunningPipeline started) {
    pipeline = started;
    refresh();
    progressCounter(
        "wikipulse.records.in", "Records read from the input", PipelineProgress::recordsIn);
    progressCounter(
        "wikipulse.events.counted",
        "Events added to at least one window",
        PipelineProgress::counted);
    progressCounter(
        "wikipulse.late.events.dropped",
        "Counted events dropped because all their windows had closed",
        PipelineProgress::droppedLate);
    progressCounter(
        "wikipulse.window.rows.written",
        "Output rows written, one per finished (window, actor)",
        PipelineProgress::windowsOut);
  }

  /** Counts the edits of output rows, by actor, as the session reads them back. */
  public void rowsWritten(List<WindowCount> rows) {
    for (WindowCount row : rows) {
      windowEdits.get(row.actor()).increment(row.count());
    }
  }

  /**
   * Takes a new snapshot of the pipeline, adds the gauges of partitions and reasons seen for the
   * first time and removes those the runtime no longer reports.
   */
  public synchronized Snapshot refresh() {
    RunningPipeline current = pipeline;
    if (current == null) {
      return latest;
    }
    Snapshot snapshot = new Snapshot(current.progress(), current.metrics());
    latest = snapshot;
    PipelineMetrics metrics = snapshot.metrics();
    Map<String, Meter> seen = new HashMap<>();
    if (metrics.watermark().isPresent()) {
      keep(
          seen,
          "watermark",
          () ->
              Gauge.builder("wikipulse.watermark.timestamp", this, PipelineMeters::watermarkOf)
                  .description("The pipeline watermark: windows ending at or before it are final")
                  .baseUnit("seconds")
                  .register(registry));
    }
    for (int partition : metrics.partitionEventTimes().keySet()) {
      keep(
          seen,
          "event-time/" + partition,
          () ->
              Gauge.builder("wikipulse.partition.event.timestamp", this, eventTimeOf(partition))
                  .description("The newest event time read from an input partition")
                  .baseUnit("seconds")
                  .tag("partition", Integer.toString(partition))
                  .register(registry));
    }
    for (int partition : metrics.partitionLag().keySet()) {
      keep(
          seen,
          "lag/" + partition,
          () ->
              Gauge.builder("wikipulse.partition.lag", this, lagOf(partition))
                  .description("Records in an input partition not read yet")
                  .baseUnit("records")
                  .tag("partition", Integer.toString(partition))
                  .register(registry));
    }
    for (DeadLetterReason reason : metrics.deadLettersByReason().keySet()) {
      keep(
          seen,
          "dead-letters/" + reason,
          () ->
              FunctionCounter.builder("wikipulse.dead.letters", this, deadLettersOf(reason))
                  .description("Records written to the dead-letter topic, by reason")
                  .tag("reason", reason.name())
                  .register(registry));
    }
    keyedGauges.forEach(
        (key, meter) -> {
          if (!seen.containsKey(key)) {
            registry.remove(meter);
          }
        });
    keyedGauges.clear();
    keyedGauges.putAll(seen);
    return snapshot;
  }

  private void keep(Map<String, Meter> seen, String key, Supplier<Meter> register) {
    Meter meter = keyedGauges.get(key);
    seen.put(key, meter != null ? meter : register.get());
  }

  /** The latest snapshot, without taking a new one. */
  public Snapshot latest() {
    return latest;
  }

  /** A fresh snapshot in the Prometheus text format. */
  public String scrape() {
    refresh();
    return registry.scrape();
  }

  @Override
  public void rowWritten(Duration delay) {
    Timer timer = closeToOutput;
    if (timer == null) {
      synchronized (this) {
        if (closeToOutput == null) {
          closeToOutput =
              Timer.builder("wikipulse.close.to.output")
                  .description(
                      "From the input record that made a window closable to its row's hand-over to"
                          + " the output")
                  .serviceLevelObjectives(DELAY_BUCKETS)
                  .register(registry);
        }
        timer = closeToOutput;
      }
    }
    timer.record(delay);
  }

  @Override
  public void microBatchCompleted(Duration duration) {
    Timer timer = microBatches;
    if (timer == null) {
      synchronized (this) {
        if (microBatches == null) {
          microBatches =
              Timer.builder("wikipulse.micro.batch.duration")
                  .description("From a micro-batch's trigger to its commit")
                  .serviceLevelObjectives(DELAY_BUCKETS)
                  .register(registry);
        }
        timer = microBatches;
      }
    }
    timer.record(duration);
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }

  private <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, source, value).description(description).register(registry);
  }

  private void progressCounter(
      String name, String description, ToLongFunction<PipelineProgress> value) {
    counter(name, description, this, m -> value.applyAsLong(m.latest.progress()));
  }

  private static double watermarkOf(PipelineMeters meters) {
    return meters.latest.metrics().watermark().map(PipelineMeters::seconds).orElse(Double.NaN);
  }

  private static ToDoubleFunction<PipelineMeters> eventTimeOf(int partition) {
    return m -> {
      Instant time = m.latest.metrics().partitionEventTimes().get(partition);
      return time == null ? Double.NaN : seconds(time);
    };
  }

  private static ToDoubleFunction<PipelineMeters> lagOf(int partition) {
    return m -> {
      Long lag = m.latest.metrics().partitionLag().get(partition);
      return lag == null ? Double.NaN : lag;
    };
  }

  private static ToDoubleFunction<PipelineMeters> deadLettersOf(DeadLetterReason reason) {
    return m -> m.latest.metrics().deadLettersByReason().getOrDefault(reason, 0L).doubleValue();
  }

  private static double seconds(Instant time) {
    return time.toEpochMilli() / 1000.0;
  }
}
