package org.wikipulse.bench.windows;

import org.wikipulse.adapter.registry.schema.AvroSchemas;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.testkit.RecentChangeGenerator;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;

/**
 * The domain's per-event work, one core: the windows of an event time ({@link
 * WindowSpec#windowsFor}) for the default spec (2 windows an event) and for a fine slide (60), and
 * the whole of what a runtime does per event before counting: the rules ({@link EditRules}) and the
 * windows. Events: 1024 of {@code RecentChangeGenerator} (seed 2024), decoded once in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WindowAssignmentBenchmark {
  private static final int EVENTS = 1024;
  private static final WindowSpec FINE_SLIDE =
      new WindowSpec(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofMinutes(1));

  private EditEvent[] events;
  private int next;

  @Setup
  public void setUp() {
    events =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 2024).next(EVENTS).stream()
            .map(RecentChangeRecords::toEditEvent)
            .toArray(EditEvent[]::new);
  }

  private EditEvent nextEvent() {
    EditEvent event = events[next];
    next = (next + 1) & (EVENTS - 1);
    return event;
  }

  @Benchmark
  public List<Window> windowsDefaultSpec() {
    return WindowSpec.DEFAULT.windowsFor(nextEvent().eventTime());
  }

  @Benchmark
  public List<Window> windowsFineSlide() {
    return FINE_SLIDE.windowsFor(nextEvent().eventTime());
  }

  @Benchmark
  public void rulesThenWindows(Blackhole sink) {
    EditEvent event = nextEvent();
    if (EditRules.isCounted(event)) {
      Actor actor = EditRules.actorOf(event);
      for (Window window : WindowSpec.DEFAULT.windowsFor(event.eventTime())) {
        sink.consume(window);
        sink.consume(actor);
      }
    } else {
      sink.consume(event.eventTime());
    }
  }
}
