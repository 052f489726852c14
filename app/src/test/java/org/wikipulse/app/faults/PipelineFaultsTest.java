package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.app.faults.FaultPipeline.PROGRESS_TIMEOUT;
import static org.wikipulse.app.faults.FaultPipeline.SIGTERM_GRACE;
import static org.wikipulse.app.faults.FaultPipeline.assertStoppedCleanly;
import static org.wikipulse.app.faults.FaultPipeline.finalCount;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * The fault-injection suite, written once and run for both runtimes: {@code wikipulse run} in a JVM
 * of its own on the shared local stack, stopped as production stops it (SIGTERM), and judged by
 * what a {@code read_committed} reader finds on the broker against the reference.
 *
 * <p>It lives in the app module, not in the broker-level contract suite of runtime-contract,
 * because a SIGKILL needs a real process to kill, and that process is the launcher: the suite tests
 * {@code run} as users start it (its signal handling, its exit code, its closing line), which
 * runtime-contract cannot depend on. The other fault cases ({@link PipelineCrashTest}, {@link
 * BrokerRestartTest}) share its {@link FaultPipeline}.
 */
class PipelineFaultsTest {
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
   * Purpose: SIGTERM, as Kubernetes and systemd stop a process, ends {@code run} cleanly on either
   * runtime and loses nothing. Input: a backlog, then a live tail, on 4 partitions with undecodable
   * records among them. Mid-tail the pipeline gets SIGTERM; it is started again on the same state,
   * and once everything is written it gets SIGTERM again. Pass, for each SIGTERM: exit code 0
   * within 30 s, exactly one line printed after the signal (the closing status line) and no stack
   * trace. Then the output equals the reference with each key exactly once, each bad record is
   * dead-lettered exactly once and nothing else is, and the two runs' counters add up to the input:
   * records in, dead-lettered, windows out.
   */
  @ParameterizedTest
  @ValueSource(strings = {"kafka-streams", "spark"})
  void sigtermStopsCleanlyAndARestartResumesWithNothingLostOrRepeated(String runtime)
      throws Exception {
    pipeline = new FaultPipeline(runtime, 20_000, 1, stack, registry, work);
    pipeline.input.writeBacklog(stack.bootstrapServers(), 0.5);

    WikipulseProcess first = pipeline.launch("first");
    first.awaitFirstRecordMs(PROGRESS_TIMEOUT);
    Thread tail = pipeline.input.startTail(stack.bootstrapServers(), 2_000);
    first.awaitRecordsIn(pipeline.input.plannedRecords() / 2 + 1_000, PROGRESS_TIMEOUT);
    WikipulseProcess.Termination stoppedMidTail = first.terminate(SIGTERM_GRACE);
    assertStoppedCleanly(stoppedMidTail, first);

    WikipulseProcess second = pipeline.launch("second");
    tail.join(PROGRESS_TIMEOUT.toMillis());
    assertThat(tail.isAlive()).as("the tail is written").isFalse();
    long rest = pipeline.input.records() - finalCount(stoppedMidTail, "in");
    second.awaitRecordsIn(rest, PROGRESS_TIMEOUT);
    pipeline.awaitAllRows();
    WikipulseProcess.Termination stoppedAtTheEnd = second.terminate(SIGTERM_GRACE);
    assertStoppedCleanly(stoppedAtTheEnd, second);

    assertThat(finalCount(stoppedMidTail, "in") + finalCount(stoppedAtTheEnd, "in"))
        .as("records read by the two runs")
        .isEqualTo(pipeline.input.records());
    assertThat(
            finalCount(stoppedMidTail, "dead-lettered")
                + finalCount(stoppedAtTheEnd, "dead-lettered"))
        .as("records dead-lettered by the two runs")
        .isEqualTo(pipeline.input.badRecords());
    assertThat(
            finalCount(stoppedMidTail, "windows out") + finalCount(stoppedAtTheEnd, "windows out"))
        .as("rows written by the two runs")
        .isEqualTo(pipeline.input.expected().rows().size());
    pipeline.assertTheReferenceExactlyOnce();
  }
}
