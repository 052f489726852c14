package org.wikipulse.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikipulse.adapter.spark.TestEvents.bot;
import static org.wikipulse.adapter.spark.TestEvents.canary;
import static org.wikipulse.adapter.spark.TestEvents.human;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.LateEvents;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * The driver's counters and its dead letters by reason count a micro-batch once its transaction has
 * committed, and only then, so that a batch whose commit fails and runs again is counted once.
 */
class CommittedCountersTest {

  /**
   * Purpose: a batch whose transaction fails (a broker that aborts it, an outage that outlasts it)
   * adds nothing to any counter, and the same batch run again adds it once. Input: one batch of
   * three edits, an undecodable record and a canary far ahead, into an output whose first commit
   * fails; then the query started again on its checkpoint with the same counters, as a driver that
   * outlives its failed batch keeps them. Pass: after the failure every counter is 0 and no dead
   * letter is counted; after the run again, exactly one commit, and the counters equal what it
   * wrote: 5 records in, 3 counted, none late, 1 dead-lettered (by its reason), its rows out.
   */
  @Test
  void aBatchWhoseCommitFailsIsCountedOnceWhenItRunsAgain(@TempDir Path checkpoint) {
    String registryName = "spark-counters-test-" + UUID.randomUUID();
    WireCodecs codecs =
        new ConfluentWireCodecs(new InMemoryRegistryConnector(registryName), "out-value");
    EventFeed feed = new EventFeed(InMemorySchemaRegistry.named(registryName), "in");
    CollectedOutput collected = new CollectedOutput();
    FailingFirstCommit output = new FailingFirstCommit(collected);
    ProgressCounters counters = new ProgressCounters();
    Map<DeadLetterReason, Long> deadLettered = new EnumMap<>(DeadLetterReason.class);
    List<KafkaRecord> batch = new ArrayList<>(feed.records(human(10), human(20), bot(25)));
    batch.add(feed.raw(0, new byte[] {9, 9, 9}));
    batch.addAll(feed.records(canary(10_000)));
    collected.fed(batch);

    try (MemoryStreamQuery query =
        new MemoryStreamQuery(
            SharedSpark.newSession(), merge(codecs, output, counters, deadLettered), checkpoint)) {
      assertThatThrownBy(() -> query.feed(batch)).hasStackTraceContaining("transaction aborted");
      assertThat(collected.commits()).isEmpty();
      assertThat(counters.snapshot()).isEqualTo(new PipelineProgress(0, 0, 0, 0, 0));
      assertThat(deadLettered).isEmpty();

      query.start(merge(codecs, output, counters, deadLettered), checkpoint);
      query.query().processAllAvailable();
    }
    assertThat(collected.commits()).hasSize(1);
    assertThat(collected.rows()).isNotEmpty();
    assertThat(counters.snapshot())
        .isEqualTo(new PipelineProgress(5, 3, 0, 1, collected.rows().size()));
    assertThat(deadLettered).isEqualTo(Map.of(reasonOf(collected.deadLetters().get(0)), 1L));
  }

  private static BatchMerge merge(
      WireCodecs codecs,
      BatchOutput output,
      ProgressCounters counters,
      Map<DeadLetterReason, Long> deadLettered) {
    return new BatchMerge(
        new BatchMerge.Settings(WindowSpec.DEFAULT, 1, Duration.ofSeconds(30), LateEvents.COUNT),
        codecs,
        output,
        new ManualClock(),
        counters,
        (reason, count) -> deadLettered.merge(reason, count, Long::sum));
  }

  private static DeadLetterReason reasonOf(DeadLetter deadLetter) {
    return deadLetter.headers().stream()
        .filter(header -> header.key().equals(DeadLetterHeaders.ERROR_CLASS))
        .map(header -> DeadLetterReason.valueOf(new String(header.value(), StandardCharsets.UTF_8)))
        .findFirst()
        .orElseThrow();
  }
}
