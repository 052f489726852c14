package org.wikipulse.contract.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.AnalysisRuntime;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.PipelineProgress;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;

/** The shared backlog read in one run, Kafka to Kafka. */
public interface BacklogCases extends BrokerCase {

  /**
   * Purpose: the whole pipeline, Kafka to Kafka, gives the reference's answer. Input: the 200,000
   * event backlog on 4 partitions with 20 undecodable records, in batches of at most 100,000
   * records. Pass: every reference row exactly once under its key, every bad record dead-lettered
   * once with its reason and source topic, and counters that add up.
   */
  @Test
  default void aFourPartitionBacklogGivesTheReferenceRowsExactlyOnce(@TempDir Path stateDir) {
    BrokerFixture fixture = fixture();
    PipelineSpec spec =
        fixture.spec(runtime().name(), "backlog", stateDir, engineProperties(100_000));
    int expectedRows = fixture.expected().rows().size();
    long started = System.nanoTime();
    List<WindowCount> rows;
    try (RunningPipeline pipeline = start(spec)) {
      rows = fixture.rowsWrittenOncePerKey(spec, expectedRows);
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "%s: %,d input records to %d rows in %d ms (%,.0f records/s, start included)%n",
          runtime().name(),
          fixture.backlog().records(),
          rows.size(),
          elapsedMs,
          fixture.backlog().records() * 1000.0 / elapsedMs);
      PipelineProgress progress =
          fixture.awaitProgress(pipeline, p -> p.windowsOut() == expectedRows);
      assertThat(progress.recordsIn()).isEqualTo(fixture.backlog().records());
      assertThat(progress.deadLettered()).isEqualTo(BrokerFixture.BAD_RECORDS);
      assertThat(progress.counted()).isEqualTo(fixture.expected().counted());
      assertThat(progress.droppedLate()).isZero();
    }
    fixture.assertTheReference(rows);
    List<ConsumerRecord<String, byte[]>> deadLetters =
        fixture.readCommitted(spec.sink().deadLetterTopic(), BrokerFixture.BAD_RECORDS);
    assertThat(deadLetters).hasSize(BrokerFixture.BAD_RECORDS);
    for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
      assertThat(deadLetter.value()).containsExactly(1, 2, 3);
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(DeadLetterReason.TRUNCATED_HEADER.name());
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC))
          .isEqualTo(fixture.backlog().topic());
    }
  }

  /** Purpose: the launcher finds this runtime by name. Pass: ServiceLoader lists its name. */
  @Test
  default void registeredAsAServiceUnderItsName() {
    assertThat(ServiceLoader.load(AnalysisRuntime.class).stream().map(p -> p.get().name()))
        .contains(runtime().name());
  }
}
