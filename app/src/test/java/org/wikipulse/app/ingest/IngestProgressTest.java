package org.wikipulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IngestProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private final StringWriter out = new StringWriter();

  /**
   * Purpose: on a terminal, one line rewritten in place with events, rate and the time left. Input:
   * a total of 1,000; 200 sent after 2 s, 500 after 5 s, then the end. Pass: two rewrites starting
   * with a carriage return, the second padded over nothing longer, each with the count of the
   * total, the rate and the time left at that rate; a newline at the end.
   */
  @Test
  void showsCountRateAndTimeLeftInOneRewrittenLine() {
    IngestProgress progress =
        IngestProgress.onTerminal(
            new PrintWriter(out), OptionalLong.of(1000), Duration.ofSeconds(1));

    progress.sent(1, 0);
    progress.sent(200, 2 * SECOND);
    progress.sent(201, 2 * SECOND + 1);
    progress.sent(500, 5 * SECOND);
    progress.done();

    assertThat(out.toString())
        .isEqualTo(
            "\ringest: 200 of 1,000 events (100/s), 8 s left"
                + "\ringest: 500 of 1,000 events (100/s), 5 s left"
                + System.lineSeparator());
  }

  /** Purpose: without a known total, no time left. Pass: count and rate only. */
  @Test
  void withoutATotalShowsCountAndRate() {
    IngestProgress progress =
        IngestProgress.onTerminal(new PrintWriter(out), OptionalLong.empty(), Duration.ZERO);

    assertThat(progress.line(123_456, 60)).isEqualTo("ingest: 123,456 events (2,058/s)");
    assertThat(
            IngestProgress.onTerminal(
                    new PrintWriter(out), OptionalLong.of(10_000_000), Duration.ZERO)
                .line(100_000, 10))
        .isEqualTo("ingest: 100,000 of 10,000,000 events (10,000/s), 16 min 30 s left");
  }
}
