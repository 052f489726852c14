package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.wikipulse.app.faults.FaultPipeline.PROGRESS_TIMEOUT;
import static org.wikipulse.app.faults.FaultPipeline.SIGTERM_GRACE;
import static org.wikipulse.app.faults.FaultPipeline.assertStoppedWithTheClosingLine;
import static org.wikipulse.app.faults.FaultPipeline.finalCount;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.localstack.KafkaBrokerProcess;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The broker killed under a running pipeline and restarted on its log directory and port: the fault
 * suite's case 2, for both runtimes. It kills the shared stack's broker, which every later test of
 * this JVM finds again at the same address once the case is over.
 */
class BrokerRestartTest {
  /** How long the broker stays down, as the scenario states it. */
  private static final Duration BROKER_DOWN = Duration.ofSeconds(10);

  private final LocalStack stack = SharedLocalStack.get();
  private final SchemaRegistry registry = RegistrySettings.of(stack.registryUrl()).connect();
  private FaultPipeline pipeline;

  @TempDir Path work;

  @AfterEach
  void killLeftovers() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  /**
   * Purpose: a broker that dies and comes back (a node restart) costs a running pipeline nothing:
   * it rides out the outage by itself, with no restart by anyone, and writes every row once. Input:
   * 20,000 events (with undecodable records) on 4 partitions, half as a backlog, the rest as a live
   * tail of 2,000 records/s whose producer retries through the outage. Once the pipeline reads the
   * tail in every partition, the broker gets SIGKILL, stays down 10 s, and is started again on the
   * same log directory and port. Pass: the same {@code run} process reads to the end and writes
   * every row, then stops cleanly on SIGTERM; its counters equal the input (records in,
   * dead-lettered, windows out; at least the input's for a runtime {@link FaultPipeline} names as
   * counting re-processed records again); the output read with {@code read_committed} equals the
   * reference with each (window, actor) key exactly once; each bad record is dead-lettered exactly
   * once by its source offset headers (at least once where the runtime says so) and no decodable
   * one is. A runtime {@link FaultPipeline} names as not yet exact here is held to all of it but
   * the rows' counts, and the case then reports itself skipped with the reason.
   */
  @ParameterizedTest
  @ValueSource(strings = {"kafka-streams", "spark"})
  void aBrokerKilledMidStreamAndRestartedCostsTheRunningPipelineNothing(String runtime)
      throws Exception {
    pipeline = new FaultPipeline(runtime, 20_000, 3, stack, registry, work);
    String brokers = stack.bootstrapServers();
    pipeline.input.writeBacklog(brokers, 0.5);
    long backlogNewestSeconds = pipeline.input.newestEventTimeWrittenMs() / 1000;

    // Longer than the outage: partitions silent because the broker is down would otherwise count
    // as idle, and the watermark would move on without them (see SEMANTICS.md, rule 4).
    WikipulseProcess run = pipeline.launch("through-the-outage", "idle-timeout=2m");
    run.awaitFirstRecordMs(PROGRESS_TIMEOUT);
    Thread tail = pipeline.input.startTail(brokers, 2_000);
    run.awaitCondition(
        () -> FaultPipeline.readsEveryPartitionPast(run, backlogNewestSeconds),
        PROGRESS_TIMEOUT,
        "an event time past the backlog's in every partition");
    KafkaBrokerProcess broker = stack.broker();
    broker.kill();
    // The scenario itself: the broker stays down this long, whatever the pipeline does meanwhile.
    Thread.sleep(BROKER_DOWN.toMillis());
    broker.restart(KafkaBrokerProcess.DEFAULT_START_TIMEOUT);
    assertThat(stack.bootstrapServers())
        .as("the broker's address after the restart")
        .isEqualTo(brokers);

    tail.join(PROGRESS_TIMEOUT.toMillis());
    assertThat(tail.isAlive()).as("the tail is written through the outage").isFalse();
    run.awaitRecordsIn(pipeline.input.records(), PROGRESS_TIMEOUT);
    pipeline.awaitAllRows();
    WikipulseProcess.Termination stopped = run.terminate(SIGTERM_GRACE);

    // Not assertStoppedCleanly: the clients log the outage itself, exceptions named, as they
    // should.
    assertStoppedWithTheClosingLine(stopped, run);
    assertCountersAgree(stopped);
    String rowsNotExact = pipeline.whyRowsAreNotExactThroughABrokerKill();
    if (rowsNotExact != null) {
      pipeline.assertEachKeyOnceAndTheDeadLetters();
      assumeTrue(false, () -> runtime + ": rows not compared with the reference: " + rowsNotExact);
    }
    pipeline.assertTheReferenceExactlyOnce();
  }

  /**
   * Records in, dead-lettered and windows out equal the input's; at least that where the runtime is
   * named as counting records again that it processes again, or as sending dead letters again.
   */
  private void assertCountersAgree(WikipulseProcess.Termination stopped) {
    long records = pipeline.input.records();
    long bad = pipeline.input.badRecords();
    long rows = pipeline.input.expected().rows().size();
    if (pipeline.countersExactThroughRetries()) {
      assertThat(finalCount(stopped, "in")).as("records read").isEqualTo(records);
      assertThat(finalCount(stopped, "windows out")).as("rows written").isEqualTo(rows);
    } else {
      assertThat(finalCount(stopped, "in"))
          .as("records read, some again")
          .isGreaterThanOrEqualTo(records);
      assertThat(finalCount(stopped, "windows out"))
          .as("rows written, some again")
          .isGreaterThanOrEqualTo(rows);
    }
    if (pipeline.countersExactThroughRetries() && pipeline.deadLettersExactlyOnce()) {
      assertThat(finalCount(stopped, "dead-lettered")).as("records dead-lettered").isEqualTo(bad);
    } else {
      assertThat(finalCount(stopped, "dead-lettered"))
          .as("records dead-lettered, some perhaps again")
          .isGreaterThanOrEqualTo(bad);
    }
  }
}
