package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;

class WindowTableTest {
  private static final Instant T = Instant.parse("2023-07-29T07:51:00Z");
  private static final long MS = 1_000_000;

  private final StringWriter text = new StringWriter();
  private final WindowTable table = new WindowTable(new PrintWriter(text, true), 1000);

  /**
   * Purpose: a window's rows, which may come from different output partitions at different times,
   * make one line once the window has gone quiet. Input: Bot and Human rows of one window 400 ms
   * apart, then an empty poll 1 s after the last. Pass: nothing before the quiet period, then the
   * header and one line with both counts and the bot share.
   */
  @Test
  void printsAWindowOnceItsRowsHaveGoneQuiet() {
    table.accept(List.of(row(0, Actor.BOT, 25)), 0);
    table.accept(List.of(row(0, Actor.HUMAN, 75)), 400 * MS);
    table.accept(List.of(), 1300 * MS);
    assertThat(text.toString()).isEmpty();

    table.accept(List.of(), 1400 * MS);

    assertThat(text.toString().lines())
        .containsExactly(
            WindowTable.HEADER,
            "2023-07-29 07:51:00–07:52:00         25       75        0      25.0%");
    assertThat(table.printed()).isEqualTo(1);
  }

  /** Purpose: windows print in start order. Pass: the earlier window comes first. */
  @Test
  void printsQuietWindowsInStartOrder() {
    table.accept(List.of(row(30, Actor.UNKNOWN, 2), row(0, Actor.HUMAN, 1)), 0);
    table.accept(List.of(), 2000 * MS);

    assertThat(text.toString().lines())
        .containsExactly(
            WindowTable.HEADER,
            "2023-07-29 07:51:00–07:52:00          0        1        0       0.0%",
            "2023-07-29 07:51:30–07:52:30          0        0        2       0.0%");
  }

  private static WindowCount row(int startSecond, Actor actor, long count) {
    Instant start = T.plusSeconds(startSecond);
    return new WindowCount(start, start.plusSeconds(60), actor, count);
  }
}
