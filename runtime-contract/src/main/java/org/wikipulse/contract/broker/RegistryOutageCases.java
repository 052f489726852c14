package org.wikipulse.contract.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.PipelineSpec;
import org.wikipulse.ports.RunningPipeline;
import org.wikipulse.ports.WireCodecs;

/** The schema registry unreachable while a pipeline runs. */
public interface RegistryOutageCases extends BrokerCase {

  /** The registry's retry budget in this case: short, so that the outage outlasts it often. */
  Duration RETRY_BUDGET = Duration.ofSeconds(1);

  /** How long the registry stays unreachable once the pipeline has first found it so. */
  Duration OUTAGE = Duration.ofSeconds(8);

  /**
   * Purpose: a registry unreachable for longer than the retries (its retry budget, spent inside the
   * registry client) neither stops the pipeline nor turns good records into dead letters; what each
   * runtime does once the budget is spent is its own (Kafka Streams replaces the stream thread,
   * which goes on from the last commit; Spark's task waits and tries again), the outcome is the
   * same. Input: the shared backlog, read through a forwarder to the registry with a 1 s budget;
   * the output schema registered first (as every start does), then the registry unreachable from
   * before the first input schema lookup until 8 s after the pipeline first found it so. Pass: the
   * pipeline asked the registry during the outage (or the case proves nothing); then, as for the
   * backlog: every reference row exactly once under its key for a {@code read_committed} reader,
   * each of the 20 bad records dead-lettered exactly once (by source offset) with its reason, no
   * decodable record dead-lettered.
   */
  @Test
  default void aRegistryOutageLongerThanTheRetriesLosesAndRepeatsNothing(@TempDir Path stateDir)
      throws Exception {
    BrokerFixture fixture = fixture();
    PipelineSpec spec =
        fixture.spec(runtime().name(), "registry-outage", stateDir, engineProperties(100_000));
    int expectedRows = fixture.expected().rows().size();
    List<WindowCount> rows;
    try (RegistryOutage outage = RegistryOutage.inFrontOf(fixture.stack().registryUrl())) {
      WireCodecs codecs =
          new ConfluentWireCodecs(
              RegistrySettings.of(outage.url()).withRetryBudget(RETRY_BUDGET),
              spec.sink().valueSubject());
      codecs.outputSchema();
      outage.begin();
      try (RunningPipeline pipeline = runtime().start(spec, codecs)) {
        fixture.awaitCondition(
            "the pipeline asks the unreachable registry", () -> outage.refused() > 0);
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        fixture.awaitCondition(
            "the outage has lasted " + OUTAGE, () -> System.nanoTime() >= outageEnds);
        assertThat(pipeline.progress().windowsOut())
            .as("rows written while no input schema could be fetched")
            .isZero();
        outage.end();
        rows = fixture.rowsWrittenOncePerKey(spec, expectedRows);
        System.out.printf(
            "%s after a %s registry outage (%d connections refused): %s%n",
            runtime().name(), OUTAGE, outage.refused(), pipeline.progress());
      }
    }
    fixture.assertTheReference(rows);
    List<String> sources = fixture.deadLetterSources(spec);
    assertThat(sources).hasSize(BrokerFixture.BAD_RECORDS).doesNotHaveDuplicates();
    for (ConsumerRecord<String, byte[]> deadLetter :
        fixture.readCommitted(spec.sink().deadLetterTopic(), BrokerFixture.BAD_RECORDS)) {
      assertThat(BrokerFixture.header(deadLetter, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(DeadLetterReason.TRUNCATED_HEADER.name());
    }
  }
}
