package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code demo}: the README's first command. */
class DemoSmokeTest {

  /**
   * Purpose: the demo brings everything up by itself and shows finished windows. Input: the
   * generator at the default compressed pace on Kafka Streams. Pass: the table header and at least
   * one finished window line with counts and a bot share; the dashboard's address is printed.
   */
  @Test
  void demoShowsAFinishedWindow() {
    CliRun demo =
        CliRun.of("demo", "--runtime", "kafka-streams", "--windows", "1", "--set", "http.port=0");

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.err()).containsPattern("the live dashboard is at http://127\\.0\\.0\\.1:\\d+/");
    List<String> lines = demo.out().lines().toList();
    assertThat(lines).first().isEqualTo(WindowTable.HEADER);
    assertThat(lines.get(1))
        .matches(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d–\\d\\d:\\d\\d:\\d\\d +\\d+ +\\d+ +\\d+ +\\d+\\.\\d%");
  }
}
