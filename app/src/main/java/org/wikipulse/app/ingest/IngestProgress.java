package org.wikipulse.app.ingest;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Ingest's progress on a terminal: one line, rewritten in place, with the events sent, the rate,
 * and the time left when the total is known. Off a terminal (a pipe, a log file, CI) it prints
 * nothing, and the summary at the end says it all.
 */
public final class IngestProgress {
  private final PrintWriter out;
  private final OptionalLong total;
  private final long everyNanos;
  private final boolean shown;
  private long startedNanos = -1;
  private long nextNanos;
  private int lastLength;

  private IngestProgress(PrintWriter out, OptionalLong total, Duration every, boolean shown) {
    this.out = out;
    this.total = total;
    this.everyNanos = every.toNanos();
    this.shown = shown;
  }

  /** No progress line. */
  public static IngestProgress none() {
    return new IngestProgress(
        new PrintWriter(PrintWriter.nullWriter()), OptionalLong.empty(), Duration.ZERO, false);
  }

  /**
   * A line rewritten on {@code out} at most every {@code every}.
   *
   * @param total how many events there will be, if known
   */
  public static IngestProgress onTerminal(PrintWriter out, OptionalLong total, Duration every) {
    return new IngestProgress(out, total, every, true);
  }

  /** Hears the count of events sent so far; shows it when the interval has passed. */
  void sent(long sent, long nowNanos) {
    if (!shown) {
      return;
    }
    if (startedNanos < 0) {
      startedNanos = nowNanos;
      nextNanos = nowNanos + everyNanos;
      return;
    }
    if (nowNanos < nextNanos) {
      return;
    }
    nextNanos = nowNanos + everyNanos;
    String line = line(sent, (nowNanos - startedNanos) / 1e9);
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }

  /** Ends the progress line, so that what follows starts on a line of its own. */
  void done() {
    if (lastLength > 0) {
      out.println();
      out.flush();
      lastLength = 0;
    }
  }

  String line(long sent, double seconds) {
    double rate = seconds > 0 ? sent / seconds : 0;
    StringBuilder line = new StringBuilder("ingest: ");
    if (total.isPresent()) {
      line.append(String.format("%,d of %,d events", sent, total.getAsLong()));
    } else {
      line.append(String.format("%,d events", sent));
    }
    line.append(String.format(" (%,.0f/s)", rate));
    if (total.isPresent() && rate > 0) {
      long left = Math.max(0, total.getAsLong() - sent);
      line.append(", ").append(timeLeft(Math.round(left / rate))).append(" left");
    }
    return line.toString();
  }

  private static String timeLeft(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }
}
