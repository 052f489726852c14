package org.wikipulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.wikipulse.contract.ContractEvents.edit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * What a contract case may ask of the runtime under test, and the steps every case shares. Each
 * topic of cases is an interface extending this one, whose default methods are the JUnit cases;
 * {@link RuntimeContractSuite} implements them all.
 */
public interface ContractCase {
  /** The output subject every case registers its output schema under. */
  String OUTPUT_SUBJECT = "wikimedia.processed-value";

  /** The idle timeout of every case's pipeline. */
  Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** The default windows: 60 s sliding every 30 s, 60 s lateness. */
  WindowSpec DEFAULT = WindowSpec.DEFAULT;

  /** The harness of the current case, made on first use and closed after the case. */
  RuntimeHarness harness();

  /** Skips the case, naming the reason, when the runtime lacks the capability. */
  default void requires(Capability capability) {
    String reason = harness().unsupported().get(capability);
    assumeFalse(reason != null, () -> "runtime lacks " + capability + ": " + reason);
  }

  /** Starts a pipeline with its own in-memory registry; late events only counted. */
  default Scenario start(WindowSpec windows, int partitions) {
    return start(windows, partitions, LateEvents.COUNT);
  }

  /** Starts a pipeline with its own in-memory registry. */
  default Scenario start(WindowSpec windows, int partitions, LateEvents lateEvents) {
    String name = "contract-" + UUID.randomUUID();
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.named(name);
    ConfluentWireCodecs codecs =
        new ConfluentWireCodecs(new InMemoryRegistryConnector(name), OUTPUT_SUBJECT);
    harness()
        .start(
            new ContractPipeline(
                name, windows, partitions, IDLE_TIMEOUT, codecs, registry, lateEvents));
    return new Scenario(
        harness(), new ContractRecords(registry), new ReferenceAnalysis(windows, partitions));
  }

  /** The runtime's rows are the reference's, and its counters agree with what was fed. */
  default void assertSameAsReference(Scenario scenario) {
    List<WindowCount> rows = harness().results().stream().sorted(WindowCount.ORDER).toList();
    assertThat(rows).as("output rows").containsExactlyElementsOf(scenario.referenceRows());
    PipelineProgress counters = harness().counters();
    assertThat(counters.recordsIn()).as("records in").isEqualTo(scenario.fed());
    assertThat(counters.deadLettered()).as("dead-lettered").isEqualTo(scenario.bad());
    assertThat(counters.windowsOut()).as("windows out").isEqualTo(rows.size());
  }

  /** Edits at the given seconds, about a fifth by bots and a few without a bot flag. */
  static List<EditEvent> mixedEdits(long seed, long fromSecond, int count, int step) {
    Random random = new Random(seed);
    List<EditEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int who = random.nextInt(20);
      Boolean bot = who < 4 ? Boolean.TRUE : who < 19 ? Boolean.FALSE : null;
      events.add(edit(fromSecond + (long) i * step, bot));
    }
    return events;
  }

  static long totalCount(List<WindowCount> rows) {
    return rows.stream().mapToLong(WindowCount::count).sum();
  }
}
