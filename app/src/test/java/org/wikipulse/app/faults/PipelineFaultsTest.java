package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.contract.Capability;
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
 * runtime-contract cannot depend on.
 */
class PipelineFaultsTest {
  private static final Duration SIGTERM_GRACE = Duration.ofSeconds(30);
  private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);

  /** What a runtime cannot do yet, with the reason: the one place it is said. */
  private static final Map<String, Map<Capability, String>> UNSUPPORTED =
      Map.of("kafka-streams", Map.of(), "spark", Map.of());

  /**
   * Runtimes whose dead letters of undecodable records are at least once, with the reason: their
   * rows are exactly once, but a stop that cuts a micro-batch short sends its dead letters again.
   */
  private static final Map<String, String> DEAD_LETTERS_AT_LEAST_ONCE = Map.of();

  private final LocalStack stack = SharedLocalStack.get();
  private final SchemaRegistry registry = RegistrySettings.of(stack.registryUrl()).connect();
  private final List<WikipulseProcess> processes = new ArrayList<>();

  @TempDir Path work;

  @AfterEach
  void killLeftovers() {
    processes.forEach(WikipulseProcess::close);
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
    Pipeline pipeline = new Pipeline(runtime, 20_000, 1);
    pipeline.input.writeBacklog(stack.bootstrapServers(), 0.5);

    WikipulseProcess first = pipeline.launch("first");
    first.awaitFirstRecordMs(PROGRESS_TIMEOUT);
    Thread tail = pipeline.input.startTail(stack.bootstrapServers(), 2_000);
    first.awaitRecordsIn(pipeline.input.records() / 2 + 1_000, PROGRESS_TIMEOUT);
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

  private static void assertStoppedCleanly(
      WikipulseProcess.Termination termination, WikipulseProcess process) {
    assertThat(termination.exitCode()).as("exit code after SIGTERM\n" + process.tail()).isZero();
    assertThat(termination.tookMs()).as("ms to exit after SIGTERM").isLessThan(30_000);
    // A periodic status line may cross the signal on its way out; it says nothing of the stop.
    assertThat(termination.linesAfter().stream().filter(line -> !line.startsWith("status: ")))
        .as("lines printed after SIGTERM, of\n" + process.tail())
        .hasSize(1)
        .allSatisfy(line -> assertThat(line).startsWith("wikipulse: stopped; final status: in "));
    assertThat(termination.linesAfter())
        .as("the closing line is the last thing printed")
        .last()
        .asString()
        .startsWith("wikipulse: stopped; final status: in ");
    assertThat(process.errLines())
        .as("no stack trace")
        .noneSatisfy(line -> assertThat(line.text()).containsPattern("^\\s+at |Exception"));
  }

  /** A counter of the closing line, such as {@code in} or {@code windows out}. */
  private static long finalCount(WikipulseProcess.Termination termination, String counter) {
    String line = termination.linesAfter().get(termination.linesAfter().size() - 1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[:|] " + counter + " ([0-9,]+)").matcher(line);
    assertThat(m.find()).as(counter + " in " + line).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** One case's topics, state and input, and the processes it launched. */
  private final class Pipeline {
    final String runtime;
    final FaultInput input;
    final String applicationId = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    final String output = applicationId + ".out";
    final String deadLetters = applicationId + ".dlq";

    Pipeline(String runtime, int events, long seed) {
      this.runtime = runtime;
      this.input = new FaultInput(applicationId + ".in", registry, events, seed);
      input.createTopic(stack.bootstrapServers());
    }

    WikipulseProcess launch(String name) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "run",
                  "--runtime",
                  runtime,
                  "--set",
                  "kafka.bootstrap-servers=" + stack.bootstrapServers(),
                  "--set",
                  "registry.url=" + stack.registryUrl(),
                  "--set",
                  "application-id=" + applicationId,
                  "--set",
                  "topics.input=" + input.topic(),
                  "--set",
                  "topics.output=" + output,
                  "--set",
                  "topics.dead-letters=" + deadLetters,
                  "--set",
                  "state-dir=" + work.resolve("state"),
                  "--set",
                  "status-interval=1s",
                  "--set",
                  "idle-timeout=10s"));
      if (runtime.equals("spark")) {
        // Several micro-batches per backlog, so that a kill falls between batches as well.
        args.addAll(List.of("--set", "engine.maxOffsetsPerTrigger=10000"));
      }
      WikipulseProcess process =
          WikipulseProcess.launch(runtime + "-" + name, work, List.copyOf(args));
      processes.add(process);
      return process;
    }

    void awaitAllRows() {
      FaultVerdict.outputKeyCounts(
          stack.bootstrapServers(), output, input.expected().rows().size());
    }

    void assertTheReferenceExactlyOnce() {
      String reason = UNSUPPORTED.get(runtime).get(Capability.EXACTLY_ONCE_OUTPUT);
      if (reason == null) {
        FaultVerdict.assertOutputIsTheReference(stack.bootstrapServers(), output, input, registry);
        FaultVerdict.assertEachBadRecordDeadLettered(
            stack.bootstrapServers(),
            deadLetters,
            input,
            !DEAD_LETTERS_AT_LEAST_ONCE.containsKey(runtime));
      } else {
        FaultVerdict.assertOutputIsTheReferenceAtLeastOnce(
            stack.bootstrapServers(), output, deadLetters, input, registry);
        assumeFalse(
            true, () -> runtime + " lacks " + Capability.EXACTLY_ONCE_OUTPUT + ": " + reason);
      }
    }
  }
}
