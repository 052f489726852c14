package org.wikipulse.app;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.wikipulse.domain.WindowCount;

/** How finished windows read on a terminal. */
final class WindowRows {
  private static final DateTimeFormatter START =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter END =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private WindowRows() {}

  /** {@code 2023-07-29 07:51:00–07:52:00}, in UTC. */
  static String span(Instant start, Instant end) {
    return START.format(start) + "–" + END.format(end);
  }

  /** One output row: {@code window 2023-07-29 07:51:00–07:52:00 UTC Human 12}. */
  static String line(WindowCount row) {
    return String.format(
        "window %s UTC  %-7s %6d",
        span(row.windowStart(), row.windowEnd()), row.actor().label(), row.count());
  }
}
