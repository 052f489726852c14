package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.ReferenceAnalysis;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;

/**
 * {@code run} on each runtime, end to end on the local stack: the real samples go in through {@code
 * ingest --source file:}, the runtime is chosen by {@code --runtime} and found through
 * ServiceLoader, and the rows it writes are read back with {@code consume}.
 */
class RunEndToEndTest {
  private final LocalStack stack = SharedLocalStack.get();

  @TempDir Path state;

  /**
   * Purpose: each runtime, launched by the CLI, gives the reference's answer on real data. Input:
   * the 100 samples (about 140 s of enwiki edits) on a one-partition topic. Pass: the rows that run
   * prints, and the rows on the output topic, are exactly the rows the reference analysis writes
   * for that input before any flush (windows closed by the watermark).
   */
  @ParameterizedTest
  @ValueSource(strings = {"kafka-streams", "spark"})
  void runGivesTheReferenceAnswerOnTheSamples(String runtime) throws Exception {
    String input = Samples.unique("e2e-in-" + runtime);
    String output = Samples.unique("e2e-out-" + runtime);
    List<String> topics =
        new ArrayList<>(
            List.of(
                "--set", "topics.input=" + input,
                "--set", "topics.output=" + output,
                "--set", "topics.dead-letters=" + output + ".dlq",
                "--set", "kafka.topic-partitions=1"));
    topics.addAll(Samples.on(stack));
    List<String> expected = expectedRows();
    assertThat(expected).isNotEmpty();

    CliRun ingest =
        CliRun.of(
            Samples.args(List.of("ingest", "--source", "file:" + Samples.RECENT_CHANGES), topics));
    CliRun run =
        CliRun.of(
            Samples.args(
                List.of(
                    "run",
                    "--runtime",
                    runtime,
                    "--max-results",
                    Integer.toString(expected.size()),
                    "--duration",
                    "150s",
                    "--set",
                    "state-dir=" + state,
                    "--set",
                    "idle-timeout=5s",
                    "--set",
                    "status-interval=2s",
                    "--set",
                    "http.port=0"),
                topics));
    CliRun consume =
        CliRun.of(
            Samples.args(
                List.of(
                    "consume",
                    "--topic",
                    output,
                    "--from-beginning",
                    "--format",
                    "table",
                    "--idle-timeout",
                    "5s"),
                topics));

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().sorted().toList())
        .as(run.err())
        .containsExactlyElementsOf(expected);
    assertThat(run.err()).contains("status: in ").contains("starting the analysis on " + runtime);
    assertThat(consume.out().lines().skip(1).toList()).hasSize(expected.size());
  }

  private static List<String> expectedRows() throws Exception {
    ReferenceAnalysis reference = new ReferenceAnalysis(WindowSpec.DEFAULT, 1);
    List<WindowCount> rows = new ArrayList<>();
    for (EditEvent event : Samples.events()) {
      rows.addAll(reference.accept(0, event));
    }
    return rows.stream().map(WindowRows::line).sorted().toList();
  }
}
