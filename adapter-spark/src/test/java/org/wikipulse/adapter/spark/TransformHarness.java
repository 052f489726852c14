package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * The runtime's micro-batch function ({@link BatchMerge}) on a memory stream, with a registry of
 * its own, an event feed, an output kept in memory, a clock of its own, and readers for what was
 * written.
 */
final class TransformHarness implements AutoCloseable {
  static final String INPUT_TOPIC = "recentchange";
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  final InMemorySchemaRegistry registry;
  final EventFeed feed;
  final ManualClock clock = new ManualClock();
  private final WindowSpec windows;
  private final int partitions;
  private final CollectedOutput output = new CollectedOutput();
  private final ProgressCounters counters = new ProgressCounters();
  private final MemoryStreamQuery query;
  private final BatchMerge merge;

  /**
   * @param windows the windows to count in
   * @param partitions how many partitions the input has
   * @param lateEvents whether late events are dead-lettered too
   */
  TransformHarness(WindowSpec windows, int partitions, LateEvents lateEvents) {
    String registryName = "spark-test-" + UUID.randomUUID();
    this.registry = InMemorySchemaRegistry.named(registryName);
    this.windows = windows;
    this.partitions = partitions;
    WireCodecs codecs =
        new ConfluentWireCodecs(new InMemoryRegistryConnector(registryName), "edit-counts-value");
    this.feed = new EventFeed(registry, INPUT_TOPIC);
    this.merge =
        new BatchMerge(
            new BatchMerge.Settings(windows, partitions, IDLE_TIMEOUT, lateEvents),
            codecs,
            output,
            clock,
            counters);
    this.query = new MemoryStreamQuery(SharedSpark.newSession(), merge, null);
  }

  TransformHarness(int partitions) {
    this(WindowSpec.DEFAULT, partitions, LateEvents.COUNT);
  }

  TransformHarness() {
    this(1);
  }

  void feed(List<KafkaRecord> batch) {
    output.fed(batch);
    query.feed(batch);
  }

  /** Lets the idle timeout pass on the processing-time clock, with no micro-batch after it. */
  void letTheIdleTimeoutPassQuietly() throws InterruptedException {
    clock.advance(IDLE_TIMEOUT.plusSeconds(1));
    merge.checkIdleness();
  }

  /** Lets the idle timeout pass on the processing-time clock, then runs a batch without data. */
  void letTheIdleTimeoutPass() {
    clock.advance(IDLE_TIMEOUT.plusSeconds(1));
    query.feed(List.of());
  }

  /** The counts written so far, each checked to carry the key the ports define for it. */
  List<WindowCount> counts() {
    List<WindowCount> counts = new ArrayList<>();
    for (BatchOutput.Row row : output.rows()) {
      WindowCount count = EditCountRecords.decode(row.value(), registry);
      assertThat(new String(row.key(), StandardCharsets.UTF_8))
          .isEqualTo(EditCountEncoder.keyOf(count));
      counts.add(count);
    }
    return counts;
  }

  List<WindowCount> sortedCounts() {
    return counts().stream().sorted(WindowCount.ORDER).toList();
  }

  /** Every dead letter committed so far, in order. */
  List<DeadLetter> deadLetters() {
    return output.deadLetters();
  }

  /** What the reference computes from the decodable events fed so far, flushed. */
  ReferenceResult reference() {
    return ReferenceResult.of(windows, partitions, feed.referenceInputs());
  }

  /**
   * The rows the reference has emitted for the events fed so far, without a flush: what the query
   * must have written by now.
   */
  List<WindowCount> referenceEmittedSoFar() {
    ReferenceAnalysis analysis = new ReferenceAnalysis(windows, partitions);
    List<WindowCount> rows = new ArrayList<>();
    for (ReferenceInput input : feed.referenceInputs()) {
      ReferenceInput.Event event = (ReferenceInput.Event) input;
      rows.addAll(analysis.accept(event.partition(), event.event()));
    }
    return rows.stream().sorted(WindowCount.ORDER).toList();
  }

  PipelineProgress progress() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    query.close();
  }
}
