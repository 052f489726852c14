package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.app.faults.FaultPipeline.PROGRESS_TIMEOUT;
import static org.wikipulse.app.faults.FaultPipeline.SIGTERM_GRACE;
import static org.wikipulse.app.faults.FaultPipeline.assertStoppedCleanly;
import static org.wikipulse.app.faults.FaultPipeline.finalCount;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.SchemaRegistry;

/**
 * SIGKILL of the pipeline's JVM, as the OOM killer or a lost node end it, at three points, each
 * followed by a restart on the same state: the fault suite's case 1, for both runtimes.
 */
class PipelineCrashTest {
  private static final int TAIL_PER_SECOND = 2_000;

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
   * Purpose: a pipeline killed without warning loses nothing and repeats nothing, and a restart on
   * its state resumes within seconds instead of waiting out the dead run's group session or open
   * transactions. Input: 30,000 events (with undecodable records) on 4 partitions: half as a
   * backlog, the rest as a live tail of 2,000 records/s in three parts, each started with a run so
   * that every restart has records to read. SIGKILL (1) mid-backlog: at the first status line that
   * reports a record read, before the backlog is read; (2) mid-tail: once the run's newest event
   * time in every partition is past the backlog's; (3) during a window close: at the first status
   * line of the third run that reports rows written. Each time the same command is started again on
   * the same state; the fourth run reads to the end and is stopped with SIGTERM. Pass: each restart
   * reports its first record read within 15 s of its process start (printed, for BENCHMARKS.md);
   * the output, read with {@code read_committed}, equals the reference with each (window, actor)
   * key exactly once; each bad record is dead-lettered exactly once by its source offset headers
   * (at least once where the runtime says so) and no decodable one is; the last run stops cleanly
   * and its windows-out counter equals the rows not yet committed when it started.
   */
  @ParameterizedTest
  @ValueSource(strings = {"kafka-streams", "spark"})
  void sigkillAtThreePointsThenRestartsLoseAndRepeatNothingAndResumeWithin15s(String runtime)
      throws Exception {
    pipeline = new FaultPipeline(runtime, 30_000, 2, stack, registry, work);
    String brokers = stack.bootstrapServers();
    pipeline.input.writeBacklog(brokers, 0.5);
    int backlog = pipeline.input.written();
    long backlogNewestSeconds = pipeline.input.newestEventTimeWrittenMs() / 1000;
    List<Long> resumeMs = new ArrayList<>();

    WikipulseProcess first = pipeline.launch("first");
    first.awaitFirstRecordMs(PROGRESS_TIMEOUT);
    first.kill();
    assertThat(first.recordsIn())
        .as("records the first run had read when killed: mid-backlog")
        .isLessThan(backlog);

    WikipulseProcess second = pipeline.launch("second");
    Thread tail = pipeline.input.startTail(brokers, TAIL_PER_SECOND, 0.75);
    resumeMs.add(second.awaitFirstRecordMs(PROGRESS_TIMEOUT));
    second.awaitCondition(
        () -> FaultPipeline.readsEveryPartitionPast(second, backlogNewestSeconds),
        PROGRESS_TIMEOUT,
        "an event time past the backlog's in every partition");
    second.kill();
    awaitWritten(tail);

    WikipulseProcess third = pipeline.launch("third");
    tail = pipeline.input.startTail(brokers, TAIL_PER_SECOND, 0.9);
    resumeMs.add(third.awaitFirstRecordMs(PROGRESS_TIMEOUT));
    third.awaitCondition(
        () -> third.statusCount("windows out") > 0,
        PROGRESS_TIMEOUT,
        "a status line with windows out");
    third.kill();
    awaitWritten(tail);

    long rowsBeforeLastRun = pipeline.committedRowsNow();
    WikipulseProcess last = pipeline.launch("last");
    tail = pipeline.input.startTail(brokers, TAIL_PER_SECOND, 1.0);
    resumeMs.add(last.awaitFirstRecordMs(PROGRESS_TIMEOUT));
    awaitWritten(tail);
    pipeline.awaitAllRows();
    WikipulseProcess.Termination stopped = last.terminate(SIGTERM_GRACE);
    System.out.printf(
        "RECOVERY %s: first record read %s ms after the process start of restarts 1-3%n",
        runtime, resumeMs);

    assertThat(resumeMs)
        .as(
            "ms from each restart's process start to its first record read"
                + (pipeline.whyResumesAreSlower() == null
                    ? ""
                    : " (held to "
                        + pipeline.resumeBoundMs()
                        + " ms: "
                        + pipeline.whyResumesAreSlower()
                        + ")"))
        .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(pipeline.resumeBoundMs()));
    assertStoppedCleanly(stopped, last);
    assertThat(finalCount(stopped, "windows out"))
        .as("rows the last run wrote: those not committed when it started")
        .isEqualTo(pipeline.input.expected().rows().size() - rowsBeforeLastRun);
    pipeline.assertTheReferenceExactlyOnce();
  }

  private static void awaitWritten(Thread tail) throws InterruptedException {
    tail.join(PROGRESS_TIMEOUT.toMillis());
    assertThat(tail.isAlive())
        .as("this part of the tail is written within " + PROGRESS_TIMEOUT)
        .isFalse();
  }
}
