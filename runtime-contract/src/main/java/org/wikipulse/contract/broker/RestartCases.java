package org.wikipulse.contract.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;

/** Pipelines stopped and started again on the same state. */
public interface RestartCases extends BrokerCase {

  /**
   * Purpose: a pipeline stopped mid-stream goes on from where it stopped. Input: the shared backlog
   * in batches of at most 25,000 records, the pipeline stopped twice after about a third of it,
   * then run to the end. Pass: the final keyed view (last row per key) is the reference's answer,
   * no key missing and none extra, and every bad record has a dead letter; with {@link
   * BrokerCapability#EXACTLY_ONCE_ACROSS_RESTARTS}, also each key and each dead letter once.
   */
  @Test
  default void stoppingAndRestartingTwiceMidStreamLosesNothing(@TempDir Path stateDir) {
    BrokerFixture fixture = fixture();
    PipelineSpec spec =
        fixture.spec(runtime().name(), "restarts", stateDir, engineProperties(25_000));
    int third = fixture.backlog().records() / 3;
    for (int run = 1; run <= 2; run++) {
      try (RunningPipeline pipeline = start(spec)) {
        fixture.awaitProgress(pipeline, p -> p.recordsIn() >= third);
        System.out.printf("Run %d stopped after %s%n", run, pipeline.progress());
      }
    }
    int expectedRows = fixture.expected().rows().size();
    List<WindowCount> rows;
    try (RunningPipeline pipeline = start(spec)) {
      rows =
          supports(BrokerCapability.EXACTLY_ONCE_ACROSS_RESTARTS)
              ? fixture.rowsWrittenOncePerKey(spec, expectedRows)
              : fixture.lastRowPerKey(spec, expectedRows);
      System.out.printf("Last run: %s%n", pipeline.progress());
    }
    fixture.assertTheReference(rows);
    List<String> deadLetters = fixture.deadLetterSources(spec);
    assertThat(deadLetters.stream().distinct()).hasSize(BrokerFixture.BAD_RECORDS);
    if (supports(BrokerCapability.EXACTLY_ONCE_ACROSS_RESTARTS)) {
      assertThat(deadLetters).hasSize(BrokerFixture.BAD_RECORDS);
    }
  }
}
